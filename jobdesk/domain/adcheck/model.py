"""Value types of the ad-compliance checker: grounds, severities, findings and pay."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ground(StrEnum):
    """What a finding is about; the fixed vocabulary shared with the rest of jobdesk."""

    AGE = "age"
    SEX = "sex"
    MARITAL_STATUS = "marital_status"
    APPEARANCE = "appearance"
    FACIAL_FEATURES = "facial_features"
    DISABILITY = "disability"
    ZODIAC = "zodiac"
    BLOOD_TYPE = "blood_type"
    RACE = "race"
    CLASS = "class"
    LANGUAGE = "language"
    THOUGHT = "thought"
    RELIGION = "religion"
    PARTY = "party"
    NATIVE_PLACE = "native_place"
    BIRTHPLACE = "birthplace"
    SEXUAL_ORIENTATION = "sexual_orientation"
    UNION_MEMBERSHIP = "union_membership"
    PRIVATE_DATA = "private_data"
    PAY_UNDISCLOSED = "pay_undisclosed"


class Severity(StrEnum):
    """`violation`: the wording breaks the law as written; `warning`: an officer should look."""

    VIOLATION = "violation"
    WARNING = "warning"


#: The zh-Hant name of each ground, as §5 ¶1 words it (or a short name for the ¶2 items).
GROUND_ZH: dict[Ground, str] = {
    Ground.AGE: "年齡",
    Ground.SEX: "性別",
    Ground.MARITAL_STATUS: "婚姻",
    Ground.APPEARANCE: "容貌",
    Ground.FACIAL_FEATURES: "五官",
    Ground.DISABILITY: "身心障礙",
    Ground.ZODIAC: "星座",
    Ground.BLOOD_TYPE: "血型",
    Ground.RACE: "種族",
    Ground.CLASS: "階級",
    Ground.LANGUAGE: "語言",
    Ground.THOUGHT: "思想",
    Ground.RELIGION: "宗教",
    Ground.PARTY: "黨派",
    Ground.NATIVE_PLACE: "籍貫",
    Ground.BIRTHPLACE: "出生地",
    Ground.SEXUAL_ORIENTATION: "性傾向",
    Ground.UNION_MEMBERSHIP: "以往工會會員身分",
    Ground.PRIVATE_DATA: "非屬就業所需之隱私資料",
    Ground.PAY_UNDISCLOSED: "未公開揭示薪資範圍",
}

BASIS_PRIVATE_DATA = "就業服務法第5條第2項第2款；同法施行細則第1條之1"
BASIS_PAY = "就業服務法第5條第2項第6款"


def basis_for(ground: Ground) -> str:
    """The legal basis of a ground, in zh-Hant, as it is printed on a finding."""
    if ground is Ground.PRIVATE_DATA:
        return BASIS_PRIVATE_DATA
    if ground is Ground.PAY_UNDISCLOSED:
        return BASIS_PAY
    return f"就業服務法第5條第1項（{GROUND_ZH[ground]}）"


def message_for(ground: Ground, severity: Severity, words: str) -> str:
    """One zh-Hant sentence telling the employer-service officer what to do."""
    if ground is Ground.PAY_UNDISCLOSED:
        shown = f"「{words}」" if words else "未載明薪資"
        return (
            f"職缺{shown}，經常性薪資未達新臺幣四萬元者須公開揭示薪資範圍（至少最低金額），"
            "請雇主補正。"
        )
    if ground is Ground.PRIVATE_DATA:
        if severity is Severity.VIOLATION:
            return f"「{words}」屬非就業所需之隱私資料，不得要求求職人提供，請雇主刪除。"
        return f"「{words}」涉及求職人隱私資料，請確認是否為法令或職務所必要。"
    zh = GROUND_ZH[ground]
    if severity is Severity.VIOLATION:
        return f"「{words}」以{zh}為錄用條件，構成就業歧視，請雇主刪除或修正。"
    return f"「{words}」涉及{zh}，請確認是否確為職務所必要，必要時請雇主修正。"


@dataclass(frozen=True)
class Finding:
    """One problem in a vacancy's text.

    `words` is the exact substring ``text[start:end]`` of the field it was found in; `field`
    is ``"title"`` or ``"description"``, or ``"pay"`` when a pay finding rests only on the
    structured pay fields (then `words` is empty and `start == end == 0`).
    """

    ground: str
    words: str
    basis: str
    severity: str
    start: int
    end: int
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "ground": self.ground,
            "words": self.words,
            "basis": self.basis,
            "severity": self.severity,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }


@dataclass(frozen=True)
class PayInfo:
    """Structured pay of a vacancy, as an employer entered it (NT$).

    `basis` is ``"monthly"``, ``"hourly"``, ``"daily"``, ``"piece"``, ``"negotiable"`` (面議)
    or None when unknown; a 0 amount means "not given", as in 台灣就業通's feed.
    """

    basis: str | None
    minimum: int | None
    maximum: int | None
