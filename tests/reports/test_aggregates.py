"""Monthly aggregates of the practice matrix and the workload table (reports.aggregates): for
every scope the stored months give exactly what counting the rows gives, including rows at
00:30 Taipei on the 1st and a case that moved between offices; a running month is counted live;
the pages say when the stored months were computed and keep their scope (404 outside).

On top of the hand-counted world (tests/reports/world.py), service records:
  alice on S2 2026-10-31 23:50 (T1.2: P1.2.2) and 2026-11-01 00:30 (16:30 UTC on 10-31: November)
  (T1.2: P1.2.1); alice on S4 at centre A 2026-10-31 23:59:30, before S4 moved (T1.2: P1.2.1);
  ben on S4 at centre B 2026-11-01 00:40 (T1.2: P1.2.3).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from jobdesk.accounts.roles import Role
from jobdesk.cases import services as cases
from jobdesk.cases.models import Activity, Case
from jobdesk.reports import aggregates, practice, workload
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import AggregatedMonth, PracticeMonth, WorkloadMonth
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope
from tests.conftest import make_user
from tests.reports.conftest import TAIPEI

pytestmark = pytest.mark.django_db

OCT, NOV, DEC = Period.month(2026, 10), Period.month(2026, 11), Period.month(2026, 12)


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


@pytest.fixture
def more(world: dict[str, Any], clock: Any, personas: dict[str, Any], offices: dict[str, Any]):
    alice, ben = personas["alice"], world["ben"]
    for when, codes in (("2026-10-31 23:50", ["P1.2.2"]), ("2026-11-01 00:30", ["P1.2.1"])):
        cases.record_activity(
            Case.objects.get(pk=world["s2"].pk),
            actor=alice,
            kind="interview",
            task_code="T1.2",
            indicator_codes=codes,
            occurred_at=_at(when),
            duration_minutes=30,
            notes="服務紀錄",
            by_case_status=False,
        )
    # made at centre A before S4 moved: it stays at centre A (as a transfer would leave it)
    Activity.objects.create(
        case_id=world["s4"].pk,
        office=offices["a"],
        recorded_by=alice,
        kind="interview",
        task_code="T1.2",
        indicator_codes=["P1.2.1"],
        occurred_at=_at("2026-10-31 23:59:30"),
        duration_minutes=30,
        notes="移出前之服務紀錄",
    )
    cases.record_activity(
        Case.objects.get(pk=world["s4"].pk),
        actor=ben,
        kind="interview",
        task_code="T1.2",
        indicator_codes=["P1.2.3"],
        occurred_at=_at("2026-11-01 00:40"),
        duration_minutes=30,
        notes="移入後之服務紀錄",
        by_case_status=False,
    )
    nina = make_user("nina", Role.SUPERVISOR, offices["north"])
    return world | {"nina": nina}


def _scopes(more: dict[str, Any], personas: dict[str, Any], offices: dict[str, Any]):
    nina, sam, alice, ben = more["nina"], personas["sam"], personas["alice"], more["ben"]
    return [
        ReportScope(nina, offices["north"]),
        ReportScope(nina, offices["a"]),
        ReportScope(nina, offices["b"]),
        ReportScope(nina, offices["b"], ben),
        ReportScope(sam, offices["a"]),
        ReportScope(sam, offices["a_desk"]),
        ReportScope(sam, offices["a"], alice),
        ReportScope(alice, offices["a"], alice),
        ReportScope(ben, offices["b"], ben),
        ReportScope(personas["tina"], offices["c"]),
    ]


def _windows() -> list[Period]:
    return [
        practice.window(OCT, 1),
        practice.window(NOV, 1),
        practice.window(NOV, 3),
        practice.window(DEC, 3),  # December is running: counted live, added to the stored two
        practice.window(DEC, 1),
    ]


def test_stored_practice_equals_the_count_for_every_scope_and_window(
    more, clock, personas, offices
):
    scopes = _scopes(more, personas, offices)
    live = {(i, w): practice.evidence(s, w) for i, s in enumerate(scopes) for w in _windows()}
    clock.at("2026-12-01 02:00")
    aggregates.store(OCT)
    aggregates.store(NOV)
    clock.at("2026-12-01 09:00")
    for i, s in enumerate(scopes):
        for w in _windows():
            found, as_of, _running = aggregates.practice_evidence(s, w)
            assert found == live[(i, w)], (s.label, w.key)
            assert (as_of is None) == (w == practice.window(DEC, 1)), (s.label, w.key)
    # hand-counted: alice's T1.2 in October at centre A is 10-02, 10-31 23:50 and the record on
    # S4 made before it moved; November holds the one at 00:30 on the 1st; ben's is centre B's
    branch = ReportScope(more["nina"], offices["north"])
    oct_found, *_ = aggregates.practice_evidence(branch, practice.window(OCT, 1))
    nov_found, *_ = aggregates.practice_evidence(branch, practice.window(NOV, 1))
    alice, ben = personas["alice"], more["ben"]
    assert oct_found[alice.pk]["T1.2"] == practice.Evidence(3, datetime.date(2026, 10, 31))
    assert oct_found[alice.pk]["P1.2.1"].count == 2
    assert nov_found[alice.pk]["T1.2"] == practice.Evidence(1, datetime.date(2026, 11, 1))
    assert nov_found[ben.pk]["P1.2.3"] == practice.Evidence(1, datetime.date(2026, 11, 1))
    centre_a, *_ = aggregates.practice_evidence(
        ReportScope(more["nina"], offices["a"]), practice.window(NOV, 1)
    )
    assert ben.pk not in centre_a


def test_stored_workload_equals_the_count_for_every_scope(more, clock, personas, offices):
    scopes = _scopes(more, personas, offices)
    live = {(i, p): workload.live_counts(s, p) for i, s in enumerate(scopes) for p in (OCT, NOV)}
    clock.at("2026-12-01 02:00")
    assert aggregates.refresh(months=2) == 2
    for i, s in enumerate(scopes):
        for p in (OCT, NOV):
            counts, as_of = aggregates.workload_counts(s, p)
            assert as_of is not None
            # the counsellors of the scope (what the table shows) have the same counts
            for c in s.counsellors():
                for m in workload.MEASURES:
                    assert counts[m.key].get(c.pk, 0) == live[(i, p)][m.key].get(c.pk, 0), (
                        s.label,
                        p.key,
                        c.username,
                        m.key,
                    )
    # hand-counted: alice opened S2 (00:30 on 10-01) and S4 in October, S5 in November; her
    # October service records at centre A: 10-02, 10-26, 10-31 23:50, and S4's before the move
    branch = ReportScope(more["nina"], offices["north"])
    oct_counts, _ = aggregates.workload_counts(branch, OCT)
    nov_counts, _ = aggregates.workload_counts(branch, NOV)
    alice = personas["alice"]
    assert oct_counts["intake"][alice.pk] == 2
    assert nov_counts["intake"][alice.pk] == 1
    assert oct_counts["consultations"][alice.pk] == 4
    assert nov_counts["consultations"][alice.pk] == 2  # 11-01 00:30 and 11-27
    assert oct_counts["matched"][alice.pk] == 1  # S2 started 10-25
    # the running month has no aggregates: counted from the rows
    assert aggregates.workload_counts(branch, DEC)[1] is None


def test_a_running_month_is_never_stored_nor_read(more, clock, personas, offices):
    clock.at("2026-11-30 23:00")
    with pytest.raises(ValueError, match="has not ended"):
        aggregates.store(NOV)
    # aggregates computed before the month ended (as a forged row would be) are not read
    clock.at("2026-12-01 02:00")
    aggregates.store(NOV)
    AggregatedMonth.objects.filter(month=NOV.start).update(computed_at=_at("2026-11-30 23:00"))
    scope = ReportScope(personas["sam"], offices["a"])
    assert aggregates.practice_evidence(scope, practice.window(NOV, 1))[1] is None
    assert aggregates.workload_counts(scope, NOV)[1] is None


def test_the_pages_read_the_aggregates_and_say_when(more, clock, client_for, personas, offices):
    clock.at("2026-12-01 02:00")
    aggregates.store(OCT)
    clock.at("2026-12-01 09:00")
    alice = personas["alice"]
    # a stored number changed behind the page shows: the page reads the aggregates
    PracticeMonth.objects.filter(month=OCT.start, counsellor=alice, code="T1.2").update(count=77)
    WorkloadMonth.objects.filter(month=OCT.start, counsellor=alice, measure="intake").update(
        count=88
    )
    client = client_for(personas["sam"])
    page = client.get("/reports/practice/?month=2026-10&months=1").content.decode()
    assert 'data-testid="figures-as-of"' in page
    assert ">77<" in page
    page = client.get("/reports/workload/?month=2026-10").content.decode()
    assert 'data-testid="figures-as-of"' in page
    assert ">88<" in page
    # the running month: no date, counted
    page = client.get("/reports/workload/?month=2026-12").content.decode()
    assert 'data-testid="figures-as-of"' not in page
    # the scope stays: another branch's office is a 404, a counsellor sees only their own
    tina = client_for(personas["tina"])
    assert tina.get("/reports/practice/?month=2026-10&office=NB-SC").status_code == 404
    assert tina.get("/reports/workload/?month=2026-10&office=NB-SC").status_code == 404
    bob = client_for(personas["bob"])
    assert bob.get("/reports/practice/?month=2026-10&counsellor=alice").status_code == 404
    page = bob.get("/reports/workload/?month=2026-10").content.decode()
    assert ">88<" not in page
    assert "alice" not in page


def _lowest_per_person(queryset: Any, person: str) -> set[int]:
    firsts: dict[Any, int] = {}
    for pk, who in queryset.values_list("pk", person):
        firsts[who] = min(pk, firsts.get(who, pk))
    return set(firsts.values())


@pytest.mark.parametrize("key", ["new_seekers", "placed_seekers"])
def test_one_row_per_person_is_the_lowest_id(more, personas, offices, key):
    indicator = registry.BY_KEY[key]
    assert indicator.rows is not None
    # a second case of S2's seeker in October, so that the rule has a repeat to drop
    Case.objects.create(
        office=offices["a"],
        seeker_id=more["s2"].seeker_id,
        counsellor=personas["alice"],
        opened_at=_at("2026-10-15 09:00"),
    )
    for scope in _scopes(more, personas, offices):
        for period in (OCT, NOV, Period.month(2026, 9)):
            rows = registry.rows_of(indicator, scope, period)
            expected = _lowest_per_person(indicator.rows(scope, period), indicator.person)
            assert set(rows.values_list("pk", flat=True)) == expected, (scope.label, period.key)
            assert registry.evaluate(indicator, scope, period).rows == len(expected)


def test_a_drill_down_of_a_stored_month_lists_a_late_row(
    more, clock, client_for, personas, offices
):
    from jobdesk.reports import figures

    clock.at("2026-12-01 02:00")
    figures.store(offices["a"], OCT)
    # a late entry for October after the figures were stored
    late = cases.open_case(Case.objects.get(pk=more["s5"].pk).seeker, actor=personas["alice"])
    Case.objects.filter(pk=late.pk).update(opened_at=_at("2026-10-20 10:00"))
    page = client_for(personas["sam"]).get("/reports/indicators/new_seekers/?month=2026-10")
    text = page.content.decode()
    assert 'data-testid="figures-as-of"' in text
    assert 'data-testid="row-count">2<' in text  # the stored figure
    assert len(page.context["rows"]) == 3  # the rows as they are now, the late one too
