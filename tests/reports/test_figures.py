"""Stored figures of ended months (reports.figures): the same values as counting, read instead of
the rows, dated on the page, never used for a running month or a counsellor's own figures."""

from __future__ import annotations

import pytest

from jobdesk.audit.models import AuditEvent
from jobdesk.reports import figures
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import MonthFigures
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

pytestmark = pytest.mark.django_db

OCT = Period.month(2026, 10)


def _plain(values):
    return [(v.indicator.key, v.value, v.rows, list(v.groups), v.applicable) for v in values]


def test_stored_figures_equal_the_count_and_say_when(world, clock, personas, offices):
    # given: October counted live, then stored after it ended
    scope = ReportScope(personas["sam"], offices["a"])
    live = registry.evaluate_all(scope, OCT)
    clock.at("2026-12-01 02:00")
    stored_row = figures.store(offices["a"], OCT)
    # when
    values, as_of = figures.month_values(scope, OCT)
    # then: every indicator, value, row count and group is the same, and the time is kept
    assert _plain(values) == _plain(live)
    assert as_of == stored_row.computed_at
    assert AuditEvent.objects.filter(event_type="report.figures_refreshed").count() == 1


def test_the_page_reads_the_stored_figures_until_the_next_refresh(
    world, clock, client_for, personas, offices
):
    # given: October's figures stored, then a row changed behind them (as a late entry would)
    clock.at("2026-12-01 02:00")
    figures.store(offices["a"], OCT)
    row = MonthFigures.objects.get(office=offices["a"], month=OCT.start)
    row.values["new_seekers"]["value"] = 99
    row.save()
    client = client_for(personas["sam"])
    # when
    page = client.get("/reports/indicators/?month=2026-10").content.decode()
    # then: the stored number is shown with its date; a refresh counts the rows again
    assert 'data-testid="figures-as-of"' in page
    assert ">99<" in page
    figures.refresh(months=2, offices=[offices["a"]])
    again = client.get("/reports/indicators/?month=2026-10").content.decode()
    assert ">99<" not in again
    assert (
        MonthFigures.objects.get(office=offices["a"], month=OCT.start).values["new_seekers"][
            "value"
        ]
        == 2
    )


def test_a_running_month_and_a_counsellor_are_counted_live(world, clock, personas, offices):
    # a month that has not ended cannot be stored
    clock.at("2026-10-20 09:00")
    with pytest.raises(ValueError, match="has not ended"):
        figures.store(offices["a"], OCT)
    # a counsellor's own figures never read the office's stored ones
    clock.at("2026-12-01 02:00")
    figures.store(offices["a"], OCT)
    mine = ReportScope(personas["alice"], offices["a"], personas["alice"])
    assert figures.stored(mine, OCT) is None
    # nor does another office's scope
    branch = ReportScope(personas["sam"], offices["north"])
    assert figures.stored(branch, OCT) is None


def test_the_trend_mixes_stored_and_live_months_with_the_same_values(
    world, clock, personas, offices
):
    scope = ReportScope(personas["sam"], offices["a"])
    months = Period.month(2026, 11).months_back(3)  # September to November
    keys = ["new_seekers", "placed_seekers", "seeker_placement_rate", "new_vacancy_people"]
    live, none, _running = figures.months_values(scope, months, keys)
    clock.at("2026-12-02 02:00")
    figures.store(offices["a"], OCT)  # the middle month only
    mixed, as_of, _running = figures.months_values(scope, months, keys)
    assert none is None
    assert as_of is not None
    for key in keys:
        assert [(v.value, v.rows) for v in mixed[key]] == [(v.value, v.rows) for v in live[key]], (
            key
        )
