"""The running month stored (``jobdesk report-figures --running``) and read while fresh
(reports.freshness): the same numbers as counting on the hand-counted world, a stale snapshot
or one of a month that has since ended is ignored (the clock moved, no sleep), the page says
when it was computed, and the refresh is one registered change-log event."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from jobdesk.accounts.roles import Role
from jobdesk.audit.models import AuditEvent
from jobdesk.reports import aggregates, figures, practice, workload
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import AggregatedMonth, MonthFigures
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NOV = Period.month(2026, 11)


def _plain(values):
    return [(v.indicator.key, v.value, v.rows, list(v.groups), v.applicable) for v in values]


def _scopes(personas, offices):
    nina = make_user("nina", Role.SUPERVISOR, offices["north"])
    return [
        ReportScope(nina, offices["north"]),
        ReportScope(nina, offices["b"]),
        ReportScope(personas["sam"], offices["a"]),
        ReportScope(personas["sam"], offices["a_desk"]),
        ReportScope(personas["alice"], offices["a"], personas["alice"]),
    ]


def test_a_fresh_snapshot_gives_the_same_numbers_as_counting(world, clock, personas, offices):
    # given: November running, every figure counted from the rows
    clock.at("2026-11-20 10:00")
    scopes = _scopes(personas, offices)
    window = practice.window(NOV, 3)  # September, October (not stored) and November
    live = [
        (
            _plain(registry.evaluate_all(s, NOV)),
            practice.evidence(s, window),
            workload.live_counts(s, NOV),
        )
        for s in scopes
    ]
    # when: the running month is stored, and read 20 minutes later
    call_command("report_figures", "--running", stdout=io.StringIO())
    clock.at("2026-11-20 10:20")
    for s, (values, evidence, counts) in zip(scopes, live, strict=True):
        found, as_of = figures.month_values(s, NOV)
        assert _plain(found) == values, s.label
        if s.counsellor is None:  # a counsellor's own figures are always counted
            assert as_of is not None
            assert figures.stored(s, NOV) is not None
        table, final_at, running_at = aggregates.practice_evidence(s, window)
        assert table == evidence, s.label
        assert final_at is None
        assert running_at is not None
        stored_counts, at = aggregates.workload_counts(s, NOV)
        assert at is not None
        for c in s.counsellors():
            for m in workload.MEASURES:
                assert stored_counts[m.key].get(c.pk, 0) == counts[m.key].get(c.pk, 0)
    assert MonthFigures.objects.filter(month=NOV.start, running=True).exists()
    assert set(
        AggregatedMonth.objects.filter(month=NOV.start).values_list("running", flat=True)
    ) == {True}


def test_the_snapshot_is_read_not_counted_while_fresh(world, clock, personas, offices):
    clock.at("2026-11-20 10:00")
    figures.refresh_running_month()
    row = MonthFigures.objects.get(office=offices["a"], month=NOV.start)
    row.values["new_seekers"]["value"] = 99  # changed behind the page: the page reads it
    row.save()
    scope = ReportScope(personas["sam"], offices["a"])
    clock.at("2026-11-20 10:59")
    by_key = {v.indicator.key: v for v in figures.month_values(scope, NOV)[0]}
    assert by_key["new_seekers"].value == 99


def test_a_stale_snapshot_is_ignored(world, clock, settings, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    clock.at("2026-11-20 10:00")
    figures.refresh_running_month()
    # 61 minutes later (the default 60): counted live
    clock.at("2026-11-20 11:01")
    assert figures.stored(scope, NOV) is None
    assert aggregates.workload_counts(scope, NOV)[1] is None
    assert aggregates.practice_evidence(scope, practice.window(NOV, 1))[2] is None
    # a longer window reads it again
    settings.JOBDESK_REPORT_FRESH_MINUTES = 90
    assert figures.stored(scope, NOV) is not None
    assert aggregates.workload_counts(scope, NOV)[1] is not None


def test_a_snapshot_of_a_month_that_has_ended_is_never_final(world, clock, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    clock.at("2026-11-30 23:50")
    figures.refresh_running_month()
    clock.at("2026-12-01 00:05")  # within the fresh window, but November has ended
    assert figures.stored(scope, NOV) is None
    assert aggregates.workload_counts(scope, NOV)[1] is None
    assert aggregates.practice_evidence(scope, practice.window(NOV, 1))[1:] == (None, None)
    # a running snapshot cannot be made of an ended month, nor an ended one of a running month
    with pytest.raises(ValueError, match="not the running month"):
        figures.store(offices["a"], NOV, running=True)
    clock.at("2026-11-20 10:00")
    with pytest.raises(ValueError, match="has not ended"):
        aggregates.store(NOV)


def test_the_pages_say_when_the_running_month_was_computed(
    world, clock, client_for, personas, offices
):
    clock.at("2026-11-20 10:00")
    figures.refresh_running_month()
    clock.at("2026-11-20 10:25")
    client = client_for(personas["sam"])
    for path in (
        "/reports/indicators/?month=2026-11",
        "/reports/trends/?month=2026-11",
        "/reports/practice/?month=2026-11&months=1",
        "/reports/workload/?month=2026-11",
    ):
        page = client.get(path).content.decode()
        assert 'data-testid="running-as-of"' in page, path
        assert "本月數字為" in page, path
        assert "10:00</time> 之彙整" in page, path
        assert "其後登錄之資料將於下次彙整時列入" in page, path
    csv = client.get("/reports/indicators/export/csv/?month=2026-11").content.decode("utf-8-sig")
    assert "本月數字為 10:00 之彙整" in csv
    # stale: the note is gone and the month is counted
    clock.at("2026-11-20 11:30")
    page = client.get("/reports/indicators/?month=2026-11").content.decode()
    assert 'data-testid="running-as-of"' not in page


def test_the_refresh_is_one_registered_change_log_event(world, clock):
    from jobdesk.audit.events import is_registered

    clock.at("2026-11-20 10:00")
    before = AuditEvent.objects.filter(event_type="report.figures_refreshed").count()
    count = figures.refresh_running_month()
    assert count > 0
    assert is_registered("report.running_refreshed")
    event = AuditEvent.objects.get(event_type="report.running_refreshed")
    assert event.after["month"] == "2026-11"
    assert event.after["offices"] == count
    # the running snapshot writes no per-office event of its own
    assert AuditEvent.objects.filter(event_type="report.figures_refreshed").count() == before
