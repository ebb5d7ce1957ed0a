"""Rules on the person: age, sex, marital status, appearance, 五官 and disability."""

from __future__ import annotations

import re

from .context import (
    AdContext,
    clause_after,
    clause_before,
    is_about_clients,
    is_negated,
    is_welcome,
)
from .model import Ground, Severity
from .rules import Judge, Rule, V, W, guarded, min_severity, rule

# ---------------------------------------------------------------- age
_LOWER_PRE = {"年滿", "需滿", "須滿", "要滿", "滿", "超過", "over", "above", "more than"}
_UPPER_PRE = {
    "未滿",
    "不滿",
    "不超過",
    "不得超過",
    "未超過",
    "未逾",
    "不逾",
    "不得逾",
    "低於",
    "小於",
}
_UPPER_PRE |= {"under", "below", "less than"}
_AGE_PRE = (
    r"(?:(?:僅|只)?限(?:定)?|需滿|須滿|要滿|需|須|要|必須|年滿|未滿|不滿|不得超過|不超過|未超過|超過|滿"
    r"|未逾|不得逾|不逾|低於|小於"
    r"|介於|在|(?i:under|below|over|above|less than|more than))"
)
_AGE_SUF = r"以下|以內|以上|之內|內|上下|左右|前後|之間"
# The label and the unit, also in English (Age: 20-30, 25-35 y/o, under 35 years old).
_AGE_LABEL = r"(?P<label>年齡層(?=\s*(?:限|需|須|要求))|年齡|年紀|年約|(?i:age[ds]?|aged))(?!層)"
_AGE_UNIT = r"(?P<unit>(?:足|周|週)?歲|(?i:y/?o\b|years?[ -]old|yrs?\b|years?\b))"

AGE_RANGE = re.compile(
    r"(?:" + _AGE_LABEL + r"\s*(?:限制|要求|條件)?\s*[:為在約]?\s*(?:(?i:between|from)\s*)?)?"
    r"(?:" + _AGE_PRE + r"\s*){0,2}"
    r"(?<!\d)(?P<lo>\d{1,2})\s*(?:足?歲)?\s*(?:~|-|至|到|(?i:to|and))\s*(?P<hi>\d{1,2})(?!\d)"
    r"\s*" + _AGE_UNIT + r"?(?:\s*(?:之間|以內|以下|間))?"
)
AGE_BOUND = re.compile(
    r"(?:" + _AGE_LABEL + r"\s*(?:限制|要求|條件|上限|下限)?\s*[:為在約]?\s*)?"
    r"(?:(?:需|須|要|必須|應|應為|需為|須為)\s*)?"
    r"(?P<pre>" + _AGE_PRE + r")?\s*(?<![\d.])(?P<n>\d{1,2})(?![\d.])"
    r"(?!\s*(?:足?歲)?\s*(?:~|-|至|到)\s*\d)\s*" + _AGE_UNIT + r"?"
    r"\s*(?:\(含\))?\s*(?P<suf>" + _AGE_SUF + r")?"
)
# The law sets the age (勞動基準法 for minors, 道路交通安全規則 for professional drivers,
# 保全業法 …): an ad that says so states the statute, it does not discriminate.
_STATUTE = re.compile(
    r"勞基法|勞動基準法|法定代理人|監護人|依法|法令|法規|規定|規則|條例|保全業法|童工"
)
_AVERAGE_BEFORE = re.compile(r"平均|團隊|同事|員工|夥伴|公司")


def _judge_age(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
    groups = match.groupdict()
    labelled = groups.get("label") is not None
    if groups.get("unit") is None and not labelled:
        return None
    start, end = match.span()
    if is_negated(text, start, end) or is_about_clients(text, start, end):
        return None
    if labelled and _AVERAGE_BEFORE.search(clause_before(text, start, 6)):
        return None  # 團隊平均年齡28歲 describes the team
    statute = bool(_STATUTE.search(text, max(0, start - 30), end + 30))
    if "lo" in groups:
        low, high = int(groups["lo"]), int(groups["hi"])
        if low < 15 or high < low:
            return None
        if low <= 18 and high >= 65:
            severity: Severity | None = W
        elif low >= 45 and ad.has("senior"):
            return None
        elif high <= 29 and ad.has("youth"):
            severity = W  # a youth employment programme (15–29): the officer checks it
        else:
            severity = V
    else:
        age = int(groups["n"])
        pre, suf = (groups.get("pre") or "").lower(), groups.get("suf") or ""
        if not (pre or suf or labelled) or age < 15:
            return None
        if pre in _LOWER_PRE or suf == "以上":
            if age <= 18 or (age >= 45 and ad.has("senior")) or (age <= 20 and statute):
                return None
            severity = W if age <= 20 else V
            if is_welcome(text, start):  # 歡迎45歲以上: an invitation, not an exclusion
                severity = W
        elif pre in _UPPER_PRE or suf in {"以下", "以內", "之內", "內"}:
            if age <= 18 and pre in _UPPER_PRE:
                return None  # 未滿18歲者需法定代理人同意書: the protection of minors
            severity = W if age >= 65 or (age <= 29 and ad.has("youth")) else V
        else:
            severity = V
    return severity


_YOUNG = re.compile(
    r"(?P<pre>(?:僅|只)?限|徵|誠徵|需|須|找)?\s*年輕"
    r"(?P<tail>化|族群|客群|世代|的團隊|團隊|學子|消費|市場|人口|人|朋友|夥伴|貌美|女性|男性|女孩|男孩"
    r"|小姐|美眉|有活力|活潑|者)?"
)
_YOUNG_NOT_APPLICANT = {
    "化",
    "族群",
    "客群",
    "世代",
    "的團隊",
    "團隊",
    "學子",
    "消費",
    "市場",
    "人口",
}
_TEAM_AFTER = re.compile(r"^[^,。]{0,3}?(?:的)?(?:團隊|工作環境|環境|公司|氛圍|組織|品牌)")
_TEAM_BEFORE = re.compile(r"團隊|同事|公司|環境|品牌|氛圍|組織|文化|店|主管|平均")


def _judge_young(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
    start, end = match.span()
    tail = match.group("tail") or ""
    if tail in _YOUNG_NOT_APPLICANT or _TEAM_BEFORE.search(clause_before(text, start)):
        return None
    if _TEAM_AFTER.search(clause_after(text, end, 8)):  # 年輕有活力的團隊: describes the team
        return None
    if is_negated(text, start, end) or is_about_clients(text, start, end, strict=True):
        return None
    after = clause_after(text, end, 8)
    strong = match.group("pre") or tail in {"人", "朋友", "夥伴", "貌美", "女性", "男性", "者"}
    severity: Severity | None = (
        V if strong or re.search(r"優先|尤佳|為佳|佳|為主|限定", after) else W
    )
    if is_welcome(text, start):
        severity = min_severity(severity, W)
    return severity


# ---------------------------------------------------------------- sex
_NOT_PERSON_AFTER = (
    r"(?![女男裝童鞋校賓廁包錶飾帽襪]"
    r"|性?(?:內衣|服飾|用品|商品|保養|時尚|精品|品牌|服裝|彩妝|鞋|包))"
)
_KIN_BEFORE = r"(?<![男女婦少子母兒閨仕淑織修])"


def _sex_judge(severity: Severity = V, clients: str | None = "strict") -> Judge:
    """A sex requirement; lawful in a 婦女再就業 programme (for women), a warning where the ad
    shows a possible genuine occupational requirement (內衣, 女湯, 女性住民 …)."""
    base = guarded(severity, clients=clients, warn_if=("sex_gor",), lawful_if=("sex_gor_strong",))

    def judge(match: re.Match[str], text: str, ad: AdContext) -> Severity | None:
        words = match.group(0)
        if ad.has("women") and "女" in words and "男" not in words:
            return None
        return base(match, text, ad)

    return judge


_JOB_NOUN = (
    r"作業員|技術員|店員|助理|服務生|服務員|行政|櫃檯|櫃台|司機|秘書|會計|工讀生|保全|清潔員|廚師"
    r"|學徒|按摩師|領班|倉管|搬運工|業務員|美容師|美髮師|護理師|看護|照服員|接待|公關|主播|模特兒?"
)
_ADDRESS = r"女孩|男孩|女生|男生|女士|男士|姊妹|姐妹|帥哥|美女|正妹|型男|猛男|辣妹|美眉"
_PREF = r"優先|尤佳|為佳|者佳|佳|者優先|為主|限定|勿|者勿|不適|謝絕|婉拒|恕不|免談"

SEX_RULES = [
    rule(
        Ground.SEX,
        r"(?<![不無])(?:僅|只)?限(?:定)?\s*(?:男|女)(?:性|生|士)?" + _NOT_PERSON_AFTER,
        _sex_judge(),
    ),
    rule(Ground.SEX, _KIN_BEFORE + r"(?:男|女)(?:性|生|士)?\s*(?:" + _PREF + ")", _sex_judge()),
    rule(
        Ground.SEX,
        r"(?:誠徵|急徵|徵求|徵|招募|招|需要|需|找)\s*(?:男|女)(?:性|生|士)?" + _NOT_PERSON_AFTER,
        _sex_judge(),
    ),
    rule(Ground.SEX, _KIN_BEFORE + r"(?:男|女)性?(?:" + _JOB_NOUN + ")", _sex_judge()),
    rule(
        Ground.SEX,
        r"(?:"
        + _ADDRESS
        + r")們?\s*(?:看過來|快來|注意|招募中|召集|集合|必看|速來|來報到|快加入|請進)",
        _sex_judge(clients=None),
    ),
    rule(
        Ground.SEX,
        r"(?:誠徵|急徵|徵求|徵|招募|找)\s*(?:美女|帥哥|正妹|型男|辣妹|美眉|小姐|少婦|阿姨|大姐|大哥|女孩|男孩|姊姊|姐姐|妹妹)",
        _sex_judge(clients=None),
    ),
    rule(
        Ground.SEX, r"歡迎\s*(?:男|女)(?:性|生|士|孩)(?![女男])" + _NOT_PERSON_AFTER, _sex_judge(W)
    ),
    rule(
        Ground.SEX,
        r"(?:需|須|限|必須)?\s*(?:役畢(?:或免役)?|免役|兵役(?:已?(?:完成|服畢|結束))?|服完兵役|已退伍|退伍軍人)",
        guarded(W, clients=None, welcome=None),
    ),
    # pregnancy is read as marital status (婚姻: family status and childbearing)
    rule(
        Ground.MARITAL_STATUS,
        r"(?<!有)(?:未|無|不得|不可|不能|避免)懷孕|懷孕(?:者|中)?\s*(?:勿|恕不|免談|不適|不予|謝絕)",
        guarded(V, clients=None),
    ),
]

# ---------------------------------------------------------------- marital status
# 未婚/已婚/單身 are read by the clause pass (conditions.py): the bare word describes someone, a
# marker or a list item makes it a requirement (本公司員工多為已婚媽媽 is not one).
MARITAL_RULES = [
    rule(
        Ground.MARITAL_STATUS,
        r"婚姻(?:狀況|狀態|情形|與否)|婚否|有無(?:結婚|婚姻|配偶)|已育|未育|無家累|無家庭負擔"
        r"|(?:有|無)(?:小孩|子女)(?:者)?\s*(?:優先|尤佳|勿|不適|佳|為佳)",
    ),
]

# ---------------------------------------------------------------- appearance and 五官
_LOOK_NOUN = r"外型|外形|外貌|外表|長相|容貌|相貌|樣貌|面貌|顏值|身材|身型|身形|體型|體態|儀表"
_LOOK_ADJ = (
    r"佳|好|端正|姣好|出眾|亮麗|甜美|俊俏|俊美|清秀|優|勻稱|匀稱|苗條|標準|高挑|適中|良好|端莊|秀麗"
    r"|漂亮|美|帥|討喜|健美|高|纖細|好看|纖瘦|窈窕|性感|火辣|豐滿|修長|有型|精實|挺拔|玲瓏|曼妙|正"
)
_BEAUTY = r"正妹|美女|帥哥|辣妹|型男|俊男|美眉|亮麗|漂亮|帥氣|甜美|清秀|俊俏"
APPEARANCE_RULES = [
    rule(Ground.APPEARANCE, r"(?:" + _LOOK_NOUN + r")\s*(?:要|需|須)?\s*(?:" + _LOOK_ADJ + ")"),
    rule(
        Ground.APPEARANCE,
        r"(?:亮麗|姣好|出眾|端正|甜美|良好|佳|高挑|苗條)的?\s*(?:外型|外貌|外表|長相|容貌|相貌|身材)",
    ),
    rule(
        Ground.APPEARANCE,
        r"貌美|美貌|(?:長得|長相)(?:漂亮|帥|好看)|(?:"
        + _BEAUTY
        + r")(?:者)?\s*(?:優先|尤佳|為佳|佳)"
        r"|(?:誠徵|徵求|徵|找|招募|限)\s*(?:正妹|美女|帥哥|辣妹|型男|俊男|美眉)",
    ),
    rule(
        Ground.APPEARANCE,
        r"(?:身高|體重)[^\n。,;]{0,4}?(?<!\d)\d{2,3}(?!\d)\s*(?:cm|CM|公分|kg|KG|公斤)?(?:\s*(?:以上|以下|以內|上下))?"
        r"|(?:身高|體重)\s*(?:限制|要求|條件|比例|相稱|勻稱|適中|標準|佳|需|須|要|限)",
        guarded(clients="loose"),
    ),
    rule(
        Ground.APPEARANCE,
        r"(?:註明|填寫|提供|附上?|告知)[^\n。]{0,6}?(?:身高|體重|三圍)|三圍",
        guarded(clients="loose"),
    ),
    rule(
        Ground.APPEARANCE,
        r"全身照|生活照(?![護顧料])|素顏照|泳裝照|比基尼照|(?:無|不可有|不得有|不能有)(?:明顯)?(?:刺青|紋身)|(?:刺青|紋身)(?:者)?\s*(?:勿|免談|恕不)"
        r"|(?<!品牌|企業|公司|專業|店鋪|門市|商店|整體)(?:氣質|形象)(?:佳|出眾|優雅|好)",
        guarded(W, lawful_if=("seen_work",)),
    ),
]
FACIAL_RULES = [
    rule(
        Ground.FACIAL_FEATURES,
        r"五官\s*(?:要|需|須)?\s*(?:端正|清秀|立體|姣好|佳|深邃|精緻|標緻|分明|健全|漂亮|好看)",
    ),
]

# ---------------------------------------------------------------- disability
_DISABLED = r"身心障礙|身障|殘障|殘疾|精神疾病|精神病|憂鬱症"
_EXCLUDE = r"勿|恕不|謝絕|婉拒|不適|免談|不予|不錄取?|不收"
DISABILITY_RULES = [
    rule(
        Ground.DISABILITY,
        r"(?:無|非|不具|沒有)\s*(?:身心障礙|身障|殘障|殘疾)(?:者|身分|手冊|證明)?"
        r"|(?:" + _DISABLED + r")(?:史)?(?:者|人士)?\s*(?:" + _EXCLUDE + r")"
        r"|(?:四肢|五體|身心|肢體)健全|身心健康無障礙|無(?:肢體)?殘缺",
        guarded(V, negation=False),
    ),
    rule(
        Ground.DISABILITY,
        r"身體健全|身體(?:狀況)?(?:無|沒有)(?:殘缺|缺陷)|(?:視力|聽力|辨色力)(?:需|須|要)?(?:正常|良好|佳)"
        r"|無色盲|非色盲|(?:色盲|色弱)(?:者)?\s*(?:"
        + _EXCLUDE
        + r")|無(?:重大|精神|心理)?(?:疾病|病史)"
        r"|無慢性病|(?:B型肝炎|B肝|愛滋|HIV)(?:帶原)?(?:者)?\s*(?:" + _EXCLUDE + r")",
        guarded(W, clients="loose"),
    ),
]

PERSON_RULES: list[Rule] = [
    Rule(Ground.AGE, AGE_RANGE, _judge_age),
    Rule(Ground.AGE, AGE_BOUND, _judge_age),
    Rule(Ground.AGE, _YOUNG, _judge_young),
    *SEX_RULES,
    *MARITAL_RULES,
    *APPEARANCE_RULES,
    *FACIAL_RULES,
    *DISABILITY_RULES,
]
