"""Query counts of the case-side pages: the number of queries does not grow with the rows shown.

Each test renders a page with a few rows and again with many, as the persona who works from it,
and checks the count is the same and under a ceiling (the committed baseline plus a little; see
docs/cases.md). Searches write one access-log row per job seeker shown (PDPA Art. 27): those
writes are counted apart from the reads and must match the rows shown.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AccessEvent
from jobdesk.cases import services
from jobdesk.cases.models import ClosureReason, EmploymentPlan, LeadSource, Placement
from tests.cases.factories import closure_requested, make_case, place, planned

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30


def _get(client: Any, url: str, params: dict[str, str] | None = None) -> tuple[Any, list[str]]:
    """GET ``url`` and return the response with the SQL of every query it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def _caseload_rows(counsellor: Any, n: int, follow_up_months: tuple[int, ...] = (1, 3, 6)) -> None:
    """``n`` of ``counsellor``'s cases with something due: a plan step, and for every other case a
    placement with its follow-ups."""
    for i in range(n):
        case = planned(counsellor)
        plan = EmploymentPlan.objects.get(case=case)
        services.add_plan_step(
            plan, actor=counsellor, description="投遞履歷", owner="求職者", due_on=plan.agreed_on
        )
        if i % 2:
            place(counsellor, case, follow_up_months)


# -- job seekers ---------------------------------------------------------------------------------
def test_seeker_list_query_count_does_not_grow(client_for, personas, reference_data):
    # given
    alice = personas["alice"]
    client = client_for(alice)
    for _ in range(FEW):
        make_case(alice)
    _, few = _get(client, reverse("cases:seeker_list"))
    # when
    for _ in range(MANY - FEW):
        make_case(alice)
    response, many = _get(client, reverse("cases:seeker_list"))
    # then
    assert len(response.context["page"].object_list) == MANY
    assert len(many) == len(few)
    assert len(many) <= 10


def test_seeker_search_queries_do_not_grow_and_each_seeker_shown_is_logged(
    client_for, personas, reference_data
):
    # given
    alice = personas["alice"]
    client = client_for(alice)
    for _ in range(FEW):
        make_case(alice)
    _, few = _get(client, reverse("cases:seeker_list"), {"q": "王小明"})
    # when
    for _ in range(MANY - FEW):
        make_case(alice)
    logged_before = AccessEvent.objects.filter(action="search").count()
    response, many = _get(client, reverse("cases:seeker_list"), {"q": "王小明"})
    # then
    shown = len(response.context["page"].object_list)
    assert shown == MANY
    assert AccessEvent.objects.filter(action="search").count() - logged_before == shown
    assert len(many) == len(few)  # the log rows of the page go in one INSERT
    assert len(many) <= 11


# -- cases ---------------------------------------------------------------------------------------
def test_case_list_query_count_does_not_grow(client_for, personas, reference_data):
    sam = personas["sam"]
    client = client_for(sam)
    _caseload_rows(personas["alice"], FEW)
    _, few = _get(client, reverse("cases:case_list"))
    _caseload_rows(personas["bob"], MANY - FEW)
    response, many = _get(client, reverse("cases:case_list"))
    assert len(response.context["page"].object_list) == MANY
    assert len(many) == len(few)
    assert len(many) <= 10


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_caseload_query_count_does_not_grow(persona, client_for, personas, reference_data):
    # given: alice's cases, each with a plan step due and half with follow-ups due
    client = client_for(personas[persona])
    _caseload_rows(personas["alice"], FEW)
    _, few = _get(client, reverse("cases:caseload"))
    # when
    _caseload_rows(personas["alice"], MANY - FEW)
    response, many = _get(client, reverse("cases:caseload"))
    # then
    assert len(response.context["rows"]) == MANY
    assert all(row.due for row in response.context["rows"])
    assert len(many) == len(few)
    assert len(many) <= 10


def test_caseload_panel_and_follow_ups_due_do_not_grow(client_for, personas, reference_data):
    # given: follow-ups on the start day and a month on, so some are due whatever today's date
    alice = personas["alice"]
    client = client_for(alice)
    _caseload_rows(alice, FEW, follow_up_months=(0, 1))
    _, few_panel = _get(client, reverse("cases:caseload_panel"))
    _, few_due = _get(client, reverse("cases:followups_due"))
    # when
    _caseload_rows(alice, MANY - FEW, follow_up_months=(0, 1))
    panel, many_panel = _get(client, reverse("cases:caseload_panel"))
    due, many_due = _get(client, reverse("cases:followups_due"))
    # then
    assert panel.context["total"] == MANY
    assert len(due.context["follow_ups"]) >= Placement.objects.count() > FEW
    assert len(many_panel) == len(few_panel)
    assert len(many_due) == len(few_due)
    assert max(len(many_panel), len(many_due)) <= 9


def test_closure_queue_query_count_does_not_grow(client_for, personas, reference_data):
    # given: closures requested by two counsellors, read by their supervisor
    client = client_for(personas["sam"])
    for _ in range(FEW):
        closure_requested(personas["alice"])
    _, few = _get(client, reverse("cases:closures_pending"))
    # when
    for i in range(MANY - FEW):
        closure_requested(personas["alice" if i % 2 else "bob"])
    response, many = _get(client, reverse("cases:closures_pending"))
    # then
    assert len(response.context["closures"]) == MANY
    assert len(many) == len(few)
    assert len(many) <= 9


# -- outreach ------------------------------------------------------------------------------------
def _outreach_rows(alice: Any, n: int) -> Any:
    """``n`` events, each with a lead, and ``n`` walk-in leads; returns the last event."""
    event = None
    for i in range(n):
        event = services.create_outreach_event(
            actor=alice,
            office=alice.office,
            title=f"三重就業博覽會 {i}",
            kind="job_fair",
            place="三重區公所",
            held_on=datetime.date.today(),
        )
        services.capture_lead(actor=alice, event=event, name=f"陳美華{i}", phone="0911-222-333")
        services.capture_lead(
            actor=alice,
            office=alice.office,
            source=LeadSource.PHONE,
            name=f"林志明{i}",
            phone="0922-333-444",
        )
    return event


def test_outreach_list_query_count_does_not_grow(client_for, personas, reference_data):
    alice = personas["alice"]
    client = client_for(alice)
    _outreach_rows(alice, FEW)
    _, few = _get(client, reverse("cases:outreach_list"))
    _outreach_rows(alice, MANY - FEW)
    response, many = _get(client, reverse("cases:outreach_list"))
    assert len(response.context["events"]) == MANY
    assert len(response.context["open_leads"]) == 2 * MANY
    assert len(many) == len(few)
    assert len(many) <= 11


def test_outreach_event_leads_do_not_grow(client_for, personas, reference_data):
    alice = personas["alice"]
    client = client_for(alice)
    event = _outreach_rows(alice, 1)
    url = reverse("cases:outreach_detail", args=[event.public_id])
    for i in range(FEW - 1):
        services.capture_lead(actor=alice, event=event, name=f"王{i}", phone="0933-444-555")
    _, few = _get(client, url)
    for i in range(MANY - FEW):
        services.capture_lead(actor=alice, event=event, name=f"張{i}", phone="0933-444-555")
    response, many = _get(client, url)
    assert len(response.context["leads"]) == MANY
    assert len(many) == len(few)
    assert len(many) <= 10


# -- one case ------------------------------------------------------------------------------------
def _busy_case(alice: Any, sam: Any, n: int) -> Any:
    """A case with ``n`` plan steps, activities, development activities, reviews, closure
    requests (each sent back by the supervisor) and follow-ups."""
    case = planned(alice)
    plan = EmploymentPlan.objects.get(case=case)
    for i in range(n):
        services.add_plan_step(
            plan, actor=alice, description=f"步驟 {i}", owner="求職者", due_on=plan.agreed_on
        )
        services.record_activity(
            case,
            actor=alice,
            kind="phone",
            task_code="T3.1",
            indicator_codes=["P3.1.1"],
            occurred_at=timezone.now(),
            duration_minutes=15,
            notes="提供倉儲職缺資訊",
        )
        services.add_development_activity(
            case,
            actor=alice,
            title="面試工作坊",
            formal=True,
            held_on=plan.agreed_on,
            attended=True,
        )
        services.record_review(
            case,
            actor=alice,
            data={
                "reviewed_on": timezone.localdate(),
                "strategy_assessment": "策略可行",
                "effectiveness": "已參加兩場面試",
                "development_plan": "加強面試技巧",
            },
        )
        closure = services.request_closure(
            case,
            actor=alice,
            reason=ClosureReason.SELF_EMPLOYED,
            outcome="已自行就業",
            improvement_strategy="提早提供職缺資訊",
        )
        services.reject_closure(closure, actor=sam, comment="請再追蹤一次")
        case.refresh_from_db()
    return place(alice, case, range(1, n + 1))


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_case_detail_query_count_does_not_grow_with_its_records(
    persona, client_for, personas, reference_data
):
    # given: the case's own counsellor or the supervisor (neither is asked for a reason)
    alice, sam = personas["alice"], personas["sam"]
    small, large = _busy_case(alice, sam, FEW), _busy_case(alice, sam, MANY)
    client = client_for(personas[persona])
    # when
    _, few = _get(client, reverse("cases:case_detail", args=[small.public_id]))
    response, many = _get(client, reverse("cases:case_detail", args=[large.public_id]))
    # then
    context = response.context
    assert "調閱理由" not in response.content.decode()
    assert [len(context[k]) for k in ("steps", "activities", "reviews", "follow_ups")] == [MANY] * 4
    assert (len(context["development"]), len(context["closures"])) == (MANY, MANY)
    assert len(many) == len(few)
    assert len(many) <= 31
