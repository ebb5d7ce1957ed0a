"""`check_ad`: run every rule over a vacancy's title and description."""

from __future__ import annotations

import re
from dataclasses import replace

from .conditions import find_conditions
from .context import AdContext
from .model import Finding, Ground, PayInfo, Severity, basis_for, message_for
from .normalise import Normalised, normalise
from .pay import pay_undisclosed
from .rules import Rule
from .rules_other import OTHER_RULES
from .rules_person import PERSON_RULES

ALL_RULES: tuple[Rule, ...] = (*PERSON_RULES, *OTHER_RULES)

# An equal-opportunity statement quotes the grounds to promise not to use them.
_EEO = re.compile(r"歧視|差別待遇|一律平等|平等對待|不因|一視同仁|就業服務法|性別平等|多元共融")
_SENTENCE_END = re.compile(r"[。\n!?;]")


def _in_eeo_statement(text: str, start: int) -> bool:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, start)
    right = right_match.start() if right_match else len(text)
    return bool(_EEO.search(text, left, right))


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
            found.append(_make(item.ground, severity, raw, norm, field, (start, end)))
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
