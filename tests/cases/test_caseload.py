"""The caseload: what is due kept on the case by the services, sorted, filtered and paginated in
the database, reading only what the list shows."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobdesk.cases import services
from jobdesk.cases.due import computed_next_due
from jobdesk.cases.models import Case, EmploymentPlan, FollowUp
from jobdesk.cases.selectors import caseload_page
from tests.cases.factories import make_case, place, planned

pytestmark = pytest.mark.django_db


def _next_due(case: Case) -> datetime.date | None:
    return Case.objects.get(pk=case.pk).next_due_on


def test_next_due_follows_every_step_of_a_case(personas, reference_data):
    # given: a new case is due for its needs assessment on the day it opens
    alice = personas["alice"]
    today = timezone.localdate()
    case = make_case(alice)
    assert _next_due(case) == today
    # when planned: the next review, at the office's interval
    case = planned(alice, case)
    review_on = case.next_review_on
    assert review_on is not None
    assert _next_due(case) == review_on
    # a plan step due earlier comes first, and goes when done
    plan = EmploymentPlan.objects.get(case=case)
    step = services.add_plan_step(
        plan, actor=alice, description="投遞履歷", owner="求職者", due_on=today
    )
    assert _next_due(case) == today
    services.set_plan_step_status(step, actor=alice, status="done", expected_version=step.version)
    assert _next_due(case) == review_on
    # placed: the first follow-up (the review does not count while placed)
    place(alice, case, follow_up_months=(1, 3))
    first = FollowUp.objects.filter(case=case).order_by("due_on").first()
    assert first is not None
    assert _next_due(case) == first.due_on
    # a follow-up recorded moves it to the next one (and the next review once followed up)
    services.record_follow_up(
        first, actor=alice, done_on=today, still_employed=True, pay=32000, confirmed=True
    )
    case.refresh_from_db()
    second = FollowUp.objects.filter(case=case, done_on__isnull=True).get()
    assert case.next_review_on is not None
    assert _next_due(case) == min(second.due_on, case.next_review_on)
    assert _next_due(case) == computed_next_due(case)


def test_a_page_at_a_time_with_the_count_of_the_whole_caseload(personas, reference_data):
    # given
    alice = personas["alice"]
    cases = [make_case(alice) for _ in range(12)]
    # when
    first, rows = caseload_page(alice, per_page=5, sort="opened")
    _last, last_rows = caseload_page(alice, per_page=5, sort="opened", page=3)
    # then
    assert first.paginator.count == 12
    assert first.paginator.num_pages == 3
    newest = sorted(cases, key=lambda c: (c.opened_at, c.pk), reverse=True)
    assert [r.case.pk for r in rows] == [c.pk for c in newest[:5]]
    assert [r.case.pk for r in last_rows] == [c.pk for c in newest[10:]]
    assert all(r.due and r.due[0].label == "需求評估" for r in rows)


def test_sorted_by_due_then_filtered_to_the_overdue(personas, reference_data):
    # given: one case with a step overdue, one due next week, one new (due today)
    alice = personas["alice"]
    today = timezone.localdate()
    late, soon = planned(alice), planned(alice)
    new = make_case(alice)
    for case, due_on in ((late, today - datetime.timedelta(days=3)), (soon, today)):
        plan = EmploymentPlan.objects.get(case=case)
        plan.agreed_on = due_on  # a plan agreed earlier (the service refuses steps before it)
        plan.save(update_fields=["agreed_on"])
        services.add_plan_step(plan, actor=alice, description="面試", owner="求職者", due_on=due_on)
    # when
    _, by_due = caseload_page(alice, sort="due")
    _, overdue = caseload_page(alice, due="overdue")
    # then
    assert [r.case.pk for r in by_due][:1] == [late.pk]
    assert {r.case.pk for r in by_due[1:]} == {soon.pk, new.pk}
    assert [r.case.pk for r in overdue] == [late.pk]
    assert overdue[0].overdue


def test_the_status_sort_follows_the_workflow(personas, reference_data):
    alice = personas["alice"]
    active = planned(alice)
    new = make_case(alice)
    _, rows = caseload_page(alice, sort="status")
    assert [r.case.pk for r in rows] == [new.pk, active.pk]


def test_the_supervisors_caseload_pages_and_never_reads_national_ids(
    client_for, personas, reference_data
):
    # given
    for _ in range(3):
        make_case(personas["alice"])
    make_case(personas["bob"])
    make_case(personas["charlie"])  # another centre
    # when
    with CaptureQueriesContext(connection) as queries:
        response = client_for(personas["sam"]).get(reverse("cases:caseload"), {"sort": "name"})
    # then
    assert response.context["page"].paginator.count == 4
    assert len(response.context["rows"]) == 4
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "national_id_encrypted" not in sql
    assert "LIMIT" in sql.upper()


def test_the_home_panel_shows_ten_and_counts_all(client_for, personas, reference_data):
    alice = personas["alice"]
    for _ in range(12):
        make_case(alice)
    response = client_for(alice).get(reverse("cases:caseload_panel"))
    assert response.context["total"] == 12
    assert len(response.context["rows"]) == 10
