"""The official indicators against the hand-counted world (tests/reports/world.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobdesk.reports import indicators as registry
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

pytestmark = pytest.mark.django_db

OCT, NOV = Period.month(2026, 10), Period.month(2026, 11)


def figures(scope: ReportScope, period: Period) -> dict[str, object]:
    return {v.indicator.key: v.value for v in registry.evaluate_all(scope, period)}


def test_centre_a_in_october(world, personas, offices):
    # given: the supervisor's view of centre A
    scope = ReportScope(personas["sam"], offices["a"])
    # when
    got = figures(scope, OCT)
    # then: S2 (00:30 on the 1st) and S3; S1 is September's, S4 moved to centre B
    assert got["new_seekers"] == 2
    assert got["new_vacancy_people"] == 5  # V1 2 + V2 3; the draft V3 is not registered
    assert got["new_vacancy_registrations"] == 2
    assert got["placed_seekers"] == 1  # S2 started 10-25; S1 started in November
    assert got["vacancy_hires"] == 1
    assert got["seeker_placement_rate"] == Decimal("50.00")
    assert got["vacancy_utilisation_rate"] == Decimal("20.00")
    assert got["demand_supply_ratio"] == Decimal("2.50")
    assert got["recommendations"] == 4
    assert got["recommendations_started"] == 2
    assert got["recommendation_placement_rate"] == Decimal("50.00")
    assert got["not_placed_reasons"] == 1
    assert got["unfilled_reasons"] == 1
    assert got["days_to_placement"] == Decimal("24.00")  # 10-01 → 10-25
    assert got["follow_up_1m"] == 0
    assert got["retention_1m"] is None  # nothing to divide
    assert got["referral_outcomes"] == 1


def test_centre_a_in_november(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    got = figures(scope, NOV)
    assert got["new_seekers"] == 1  # S5 at 00:10 on the 1st
    assert got["new_vacancy_people"] == 1
    assert got["placed_seekers"] == 1  # S1, recommended in October, started 11-02
    assert got["recommendations"] == 0
    assert got["not_placed_reasons"] == 1  # S2 → V2, pay
    assert got["days_to_placement"] == Decimal("33.00")  # 09-30 → 11-02 (Taipei dates)
    assert got["follow_up_1m"] == 1
    assert got["employed_1m"] == 1
    assert got["retention_1m"] == Decimal("100.00")
    assert got["referral_outcomes"] == 0  # sent in October


def test_the_case_that_moved_counts_where_its_rows_are(world, personas, offices):
    # given: S4 was opened at centre A on 10-31 and moved to centre B, where it was placed
    sam_b = personas["sam"]  # sam's office A does not include B: read as a branch supervisor
    from tests.conftest import make_user

    branch = make_user("nora", "supervisor", offices["north"])
    # when
    b_oct = figures(ReportScope(branch, offices["b"]), OCT)
    b_nov = figures(ReportScope(branch, offices["b"]), NOV)
    north_oct = figures(ReportScope(branch, offices["north"]), OCT)
    # then: the case row is at B now, so its registration is B's; the placement was made at B
    assert b_oct["new_seekers"] == 1
    assert b_nov["days_to_placement"] == Decimal("10.00")  # 10-31 → 11-10
    assert b_nov["placed_seekers"] == 0  # self-found, not a recommendation
    # the branch counts every case once, wherever it is now
    assert north_oct["new_seekers"] == 3
    assert figures(ReportScope(sam_b, offices["a"]), OCT)["new_seekers"] == 2


def test_a_counsellor_sees_their_own_figures(world, personas, offices):
    alice = personas["alice"]
    scope = ReportScope(alice, offices["a"], alice)
    values = {v.indicator.key: v for v in registry.evaluate_all(scope, OCT)}
    assert values["new_seekers"].value == 1  # S2 (S4 is ben's now, S3 bob's)
    assert values["recommendations"].value == 3  # S2→V1, S1→V1, S2→V2
    assert values["placed_seekers"].value == 1
    # vacancies are the office's, not a counsellor's
    assert not values["new_vacancy_people"].applicable
    assert not values["demand_supply_ratio"].applicable


def test_reasons_are_counted_per_reason(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    value = registry.evaluate(registry.BY_KEY["not_placed_reasons"], scope, OCT)
    groups = {code: count for code, _label, count in value.groups}
    assert groups["skills"] == 1
    assert groups["pay"] == 0
    assert sum(groups.values()) == value.value


@pytest.mark.parametrize("key", [i.key for i in registry.INDICATORS if i.rows is not None])
def test_every_count_equals_its_rows(world, personas, offices, key):
    # the number on the page is the number of rows the drill-down lists
    indicator = registry.BY_KEY[key]
    for period in (OCT, NOV):
        scope = ReportScope(personas["sam"], offices["a"])
        value = registry.evaluate(indicator, scope, period)
        rows = registry.rows_of(indicator, scope, period)
        assert value.rows == rows.count(), (key, period)
        if indicator.kind in (registry.COUNT, registry.GROUPS):
            assert value.value == rows.count(), (key, period)


def test_every_formula_has_one_definition():
    keys = [i.key for i in registry.INDICATORS]
    assert len(keys) == len(set(keys))
    for indicator in registry.INDICATORS:
        assert indicator.definition
        assert indicator.source
        assert indicator.confirmed or indicator.caveat, indicator.key
        if indicator.kind == registry.RATIO:
            assert indicator.numerator in registry.BY_KEY
            assert indicator.denominator in registry.BY_KEY
        else:
            assert indicator.rows is not None
            assert indicator.row_kind


@pytest.mark.parametrize("who", ["centre", "branch", "counsellor"])
def test_the_grouped_months_equal_month_by_month(world, personas, offices, who):
    # given: the hand-counted world read as a centre, a branch and one counsellor
    from tests.conftest import make_user

    if who == "centre":
        scope = ReportScope(personas["sam"], offices["a"])
    elif who == "branch":
        scope = ReportScope(make_user("nora", "supervisor", offices["north"]), offices["north"])
    else:
        scope = ReportScope(personas["sam"], offices["a"], counsellor=personas["alice"])
    months = Period.month(2026, 12).months_back(4)  # September to December, the world's months
    for indicator in registry.INDICATORS:
        # when: one grouped query for the four months, and each month on its own
        grouped = registry.evaluate_months(indicator, scope, months)
        single = [registry.evaluate(indicator, scope, month) for month in months]
        # then: the same figure and the same row count, month by month
        assert [(v.value, v.rows, v.applicable) for v in grouped] == [
            (v.value, v.rows, v.applicable) for v in single
        ], indicator.key
    assert any(
        v.value for v in registry.evaluate_months(registry.BY_KEY["new_seekers"], scope, months)
    )


def test_grouped_months_refuse_a_gap():
    with pytest.raises(ValueError, match="consecutive"):
        registry.evaluate_months(
            registry.BY_KEY["new_seekers"],
            None,
            [OCT, Period.month(2026, 12)],  # type: ignore[arg-type]
        )
