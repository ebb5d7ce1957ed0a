"""`check_ad`: run every rule over a vacancy's title and description."""

from __future__ import annotations

import re
from dataclasses import replace

from .conditions import find_conditions, lexicon
from .context import AdContext
from .model import Finding, Ground, PayInfo, Severity, basis_for, message_for
from .normalise import Normalised, normalise
from .pay import pay_undisclosed
from .rules import Rule
from .rules_english import english_conditions
from .rules_other import OTHER_RULES
from .rules_person import PERSON_RULES

ALL_RULES: tuple[Rule, ...] = (*PERSON_RULES, *OTHER_RULES)

# An equal-opportunity statement quotes the grounds to promise not to use them. It is read in
# the clause of the words only (up to a comma): 「本公司遵守就業服務法，限25歲以下」 still limits.
_EEO = re.compile(
    r"歧視|差別待遇|一律平等|平等對待|不因|一視同仁|就業服務法|性別平等|多元共融|不以|不列入"
    r"|不(?:會)?(?:詢問|過問)|與工作無關|友善(?:職場|空間|環境|企業|工作)"
)
_CLAUSE_BOUND = re.compile(r"[。\n!?;，,；！？]")


def _in_eeo_statement(text: str, start: int) -> bool:
    left = max((m.end() for m in _CLAUSE_BOUND.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_BOUND.search(text, start)
    right = right_match.start() if right_match else len(text)
    return bool(_EEO.search(text, left, right))


def _lifted(text: str, start: int, end: int) -> bool:
    """不限…, 歡迎各性別、性傾向: the lexicon's lifting markers, for the rule pass too."""
    lo = max((m.end() for m in _CLAUSE_BOUND.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_BOUND.search(text, end)
    hi = right_match.start() if right_match else len(text)
    return bool(lexicon().lift.search(text, max(lo, start - 8), min(hi, end + 8)))


# A declaration signed at applying (切結書) about a protected status is also a demand for private
# data (施行細則 §1-1): the finding on the ground comes with one on private data.
_PLEDGE = re.compile(r"切結")
# A photo asked for at applying is private data unless the job is about being seen (模特兒 …);
# a 全身照 is also about looks (容貌). The passport-style 一吋/兩吋 photo of a résumé is not.
_PHOTO = re.compile(
    r"(?:近照|生活照(?![護顧料])|全身照|個人照|獨照|照片|相片|大頭照|正面照|側面照|素顏照|美照|自拍照?)"
)
_PHOTO_ASKED = re.compile(
    r"(?:需|須|請|要|並|另|應|必須)?\s*(?:附|提供|檢附|附上|上傳|寄|繳交|夾帶)"
)
_PHOTO_STANDARD = re.compile(
    r"[一二兩两12１２]\s*吋|證件|畢業|作品|商品|產品|環境|工作照|施工|案例|店面"
)
_PHOTO_WORK = re.compile(
    r"模特|演員|藝人|主播|主持|網紅|直播|平面拍攝|試鏡|演出|廣告拍攝|拍攝模特|Model|model"
)


def _photo_findings(raw: str, norm: Normalised, field: str, title: str) -> list[Finding]:
    if _PHOTO_WORK.search(title) or _PHOTO_WORK.search(norm.text):
        return []
    found = []
    for match in _PHOTO.finditer(norm.text):
        start, end = match.span()
        lo = max((m.end() for m in _CLAUSE_BOUND.finditer(norm.text, 0, start)), default=0)
        before = norm.text[max(lo, start - 12) : start]
        if not _PHOTO_ASKED.search(before) or _PHOTO_STANDARD.search(before + match.group(0)):
            continue
        if _AFTER_HIRING.search(norm.text, max(0, start - 40), start):
            continue
        asked = _PHOTO_ASKED.search(before)
        assert asked is not None
        span = (start - len(before) + asked.start(), end)
        found.append(_make(Ground.PRIVATE_DATA, Severity.VIOLATION, raw, norm, field, span))
    return found


_AFTER_HIRING = re.compile(r"錄取後|錄用後|到職|報到|入職")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make(
    ground: Ground,
    severity: Severity,
    raw: str,
    norm: Normalised,
    field: str,
    span: tuple[int, int],
    basis: str = "",
) -> Finding:
    start, end = norm.original_span(*span)
    words = raw[start:end]
    return Finding(
        ground=ground.value,
        words=words,
        basis=basis or basis_for(ground),
        severity=severity.value,
        start=start,
        end=end,
        field=field,
        message=message_for(ground, severity, words),
    )


def _field_findings(
    raw: str, norm: Normalised, field: str, ad: AdContext, title: str = ""
) -> list[Finding]:
    found: list[Finding] = []
    for condition in find_conditions(norm.text, field, ad, title):
        start, end = _trim(norm.text, condition.start, condition.end)
        if start == end or _in_eeo_statement(norm.text, start):
            continue
        found.append(
            _make(
                condition.ground,
                condition.severity,
                raw,
                norm,
                field,
                (start, end),
                condition.basis,  # the lexicon's legal basis
            )
        )
        if (
            condition.kind == "declare"
            and condition.ground is not Ground.PRIVATE_DATA
            and _PLEDGE.search(norm.text, max(0, start - 16), min(len(norm.text), end + 8))
        ):
            found.append(
                _make(Ground.PRIVATE_DATA, condition.severity, raw, norm, field, (start, end))
            )
    for item in ALL_RULES:
        for match in item.pattern.finditer(norm.text):
            if match.end() == match.start():
                continue
            severity = item.judge(match, norm.text, ad)
            if severity is None:
                continue
            start, end = _trim(norm.text, *match.span(item.group))
            if start == end or _in_eeo_statement(norm.text, start):
                continue
            if _lifted(norm.text, start, end):
                continue
            found.append(_make(item.ground, severity, raw, norm, field, (start, end)))
    found.extend(_photo_findings(raw, norm, field, title))
    for english in english_conditions(norm.text):
        if not _in_eeo_statement(norm.text, english.start):
            span = (english.start, english.end)
            found.append(_make(english.ground, english.severity, raw, norm, field, span))
    return found


_LIST_SEPARATOR = re.compile(r"[、，,]")


def _deduplicate(findings: list[Finding], raws: dict[str, str]) -> list[Finding]:
    """Merge findings on the same ground whose words overlap into one over both spans, with
    the stronger severity (徵男 + 男作業員 → 徵男作業員). Looks quoted inside a finding on the
    face are that finding (臉蛋漂亮者優先 is 五官, not also 容貌)."""
    faces = [f for f in findings if f.ground == Ground.FACIAL_FEATURES.value]
    findings = [
        f
        for f in findings
        if f.ground != Ground.APPEARANCE.value
        or not any(
            face.field == f.field
            and face.start <= f.start
            and f.end <= face.end
            and not _LIST_SEPARATOR.search(raws[f.field], face.start, f.start)
            for face in faces
        )
    ]
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.field, f.ground, f.start, -f.end)):
        last = merged[-1] if merged else None
        if (
            last is None
            or last.field != finding.field
            or last.ground != finding.ground
            or finding.start >= last.end
            or finding.field == "pay"
        ):
            merged.append(finding)
            continue
        end = max(last.end, finding.end)
        severity = (
            Severity.VIOLATION
            if Severity.VIOLATION.value in (last.severity, finding.severity)
            else Severity.WARNING
        )
        words = raws[last.field][last.start : end]
        merged[-1] = replace(
            last,
            end=end,
            words=words,
            severity=severity.value,
            message=message_for(Ground(last.ground), severity, words),
        )
    order = {"title": 0, "description": 1, "pay": 2}
    return sorted(merged, key=lambda f: (order.get(f.field, 3), f.start, f.ground))


def check_ad(title: str, description: str, pay: PayInfo | None = None) -> list[Finding]:
    """Every finding in a vacancy's title and description (and pay), in reading order."""
    raws = {"title": title or "", "description": description or ""}
    norms = {field: normalise(raw) for field, raw in raws.items()}
    ad = AdContext.of(norms["title"].text, norms["description"].text)
    findings: list[Finding] = []
    for field, norm in norms.items():
        findings.extend(_field_findings(raws[field], norm, field, ad, norms["title"].text))
    undisclosed, where = pay_undisclosed(norms, pay)
    if undisclosed:
        if where is None:
            ground, severity = Ground.PAY_UNDISCLOSED, Severity.VIOLATION
            findings.append(
                Finding(
                    ground=ground.value,
                    words="",
                    basis=basis_for(ground),
                    severity=severity.value,
                    start=0,
                    end=0,
                    field="pay",
                    message=message_for(ground, severity, ""),
                )
            )
        else:
            norm = norms[where.field]
            findings.append(
                _make(
                    Ground.PAY_UNDISCLOSED,
                    Severity.VIOLATION,
                    raws[where.field],
                    norm,
                    where.field,
                    (where.start, where.end),
                )
            )
    return _deduplicate(findings, raws)
