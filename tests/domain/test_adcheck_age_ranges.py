"""就業服務法 §5 age ranges: only a range covering the whole working age is a mere warning.

A range from the legal working age (≤ 18) to retirement (≥ 65) excludes almost nobody and is a
warning; a range that closes either end — 18 to 30, or 30 to 70 — shuts people out by age and is a
violation. Each end is tested alone so that neither condition can stand in for both.
"""

from __future__ import annotations

import pytest

from jobdesk.domain.adcheck import Severity, check_ad

V, W = Severity.VIOLATION.value, Severity.WARNING.value


def age_severities(description: str) -> list[str]:
    return [f.severity for f in check_ad("職缺", description) if f.ground == "age"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年齡18~30歲", V),  # opens at working age, closes young: a violation
        ("年齡16~40歲", V),
        ("18-45歲", V),
        ("年齡30~70歲", V),  # reaches retirement, but opens at 30: a violation
        ("年齡25~65歲", V),
        ("年齡18~65歲", W),  # the whole working age: a warning
        ("年齡16~70歲", W),
    ],
)
def test_an_age_range_is_a_violation_unless_it_spans_the_working_age(text, expected):
    assert age_severities(text) == [expected]
