"""The case table (jobdesk/cases/transitions.py) is what the services check and what the page shows.

For every action and every status outside its sources, the real service refuses (code
``bad_status``) and writes nothing; for every status, the case page shows exactly the buttons
the table allows. A table edited alone changes both, so they cannot drift apart again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import Case, CaseStatus, EmploymentPlan
from jobdesk.cases.services.transfers import request_transfer
from jobdesk.cases.transitions import CASE
from jobdesk.taxonomy.models import Occupation, Township
from tests.cases.factories import ASSESSMENT, closure_requested, place

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _set_status(case: Case, status: str) -> Case:
    # Test setup only: put the case in a status the services would take many steps to reach.
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


def _worked_case(alice: Any) -> tuple[Case, Any]:
    """A planned, placed case with a pending follow-up and a pending closure request."""
    closure = closure_requested(alice)
    case = closure.case
    case = _set_status(case, CaseStatus.PLANNING)
    place(alice, case)
    case.refresh_from_db()
    return case, closure


PLAN = {
    "target_occupations": lambda: list(Occupation.objects.filter(code="9330")),
    "target_townships": lambda: [Township.objects.get(full_name="新北市三重區")],
}

CALLS: dict[str, Callable[[Case, Any, dict[str, Any]], Any]] = {
    "assess": lambda c, u, p: services.record_needs_assessment(
        c, actor=u["alice"], data=ASSESSMENT | {"interviewed_on": TODAY()}
    ),
    "confirm_needs": lambda c, u, p: services.confirm_needs(
        c, actor=u["alice"], data={"employment_goals": "倉儲理貨", "confirmed_on": TODAY()}
    ),
    "plan": lambda c, u, p: services.save_plan(
        c,
        actor=u["alice"],
        data={k: v() for k, v in PLAN.items()} | {"strategy": "投履歷", "agreed_on": TODAY()},
    ),
    "add_step": lambda c, u, p: services.add_plan_step(
        EmploymentPlan.objects.get(case=c),
        actor=u["alice"],
        description="投遞履歷",
        due_on=TODAY(),
        owner="求職者",
    ),
    "skills": lambda c, u, p: services.save_skills_assessment(
        c,
        actor=u["alice"],
        data={f: 3 for f in ("resume", "interview", "channels", "self_marketing", "networking")}
        | {"assessed_on": TODAY()},
    ),
    "development": lambda c, u, p: services.add_development_activity(
        c, actor=u["alice"], title="面試工作坊", formal=True, held_on=TODAY(), attended=True
    ),
    "review": lambda c, u, p: services.record_review(
        c,
        actor=u["alice"],
        data={
            "reviewed_on": TODAY(),
            "strategy_assessment": "履歷已更新",
            "effectiveness": "面試 2 次",
            "development_plan": "加強面試技巧",
            "agreed_with_seeker": True,
        },
    ),
    "activity": lambda c, u, p: services.record_activity(
        c,
        actor=u["alice"],
        kind="phone",
        task_code="T3.1",
        indicator_codes=["P3.1.1"],
        occurred_at=timezone.now(),
        duration_minutes=15,
        notes="提供職缺資訊",
    ),
    "place": lambda c, u, p: services.place_case(
        c,
        actor=u["alice"],
        vacancy_label="理貨員",
        employer_label="大同物流",
        start_date=TODAY(),
        pay=32000,
        pay_basis="monthly",
    ),
    "follow_up": lambda c, u, p: services.record_follow_up(
        c.follow_ups.filter(done_on__isnull=True).first(),
        actor=u["alice"],
        done_on=TODAY(),
        still_employed=True,
        pay=32000,
        confirmed=True,
    ),
    "request_closure": lambda c, u, p: services.request_closure(
        c,
        actor=u["alice"],
        reason="self_employed",
        outcome="已自行就業",
        improvement_strategy="提早提供職缺資訊",
        confirmed=True,
    ),
    "decide_closure": lambda c, u, p: services.approve_closure(p["closure"], actor=u["sam"]),
    "reopen": lambda c, u, p: services.reopen_case(c, actor=u["alice"], reason="再次求職"),
    "reassign": lambda c, u, p: services.reassign_case(c, actor=u["sam"], counsellor=u["bob"]),
    "transfer": lambda c, u, p: request_transfer(
        c, actor=u["sam"], to_office=u["tina"].office, reason="遷居", expected_version=c.version
    ),
}
# Checked by the other apps' services against the same table (their tests live there).
ELSEWHERE = {"refer", "benefit", "subsidy"}


def test_every_case_action_has_a_service_call_here():
    assert set(CASE.actions) == set(CALLS) | ELSEWHERE


REFUSALS = [
    (name, status)
    for name in sorted(CALLS)
    for status in CaseStatus.values
    if status not in CASE.sources(name)
]


@pytest.mark.parametrize(("name", "status"), REFUSALS)
def test_the_service_refuses_every_status_outside_the_table(personas, reference_data, name, status):
    # given: a case that has every record the actions need, put in ``status``
    case, closure = _worked_case(personas["alice"])
    case = _set_status(case, status)
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        CALLS[name](case, personas, {"closure": closure})
    assert caught.value.code == "bad_status" or "此結案申請已處理過" in str(caught.value)
    case.refresh_from_db()
    assert case.status == status
    assert AuditEvent.objects.count() == events


BUTTONS = {
    "assess": "cases:assessment_create",
    "confirm_needs": "cases:confirm_needs",
    "plan": "cases:plan_edit",
    "add_step": "cases:plan_step_add",
    "skills": "cases:skills_edit",
    "development": "cases:development_add",
    "review": "cases:review_create",
    "activity": "cases:activity_create",
    "place": "cases:placement_create",
    "request_closure": "cases:closure_request",
    "reopen": "cases:case_reopen",
    "reassign": "cases:case_reassign",
    "transfer": "cases:case_transfer",
    "refer": "referrals:referral_create",
}


@pytest.mark.parametrize("status", CaseStatus.values)
@pytest.mark.parametrize("who", ["alice", "sam"])
def test_the_case_page_shows_exactly_the_buttons_the_table_allows(
    client_for, personas, reference_data, status, who
):
    # given
    case, closure = _worked_case(personas["alice"])
    case = _set_status(case, status)
    user = personas[who]
    allowed = CASE.allowed_actions(status, user.role)
    # when
    html = client_for(user).get(reverse("cases:case_detail", args=[case.public_id])).content
    page = html.decode()
    # then
    for name, url_name in BUTTONS.items():
        url = reverse(url_name, args=[case.public_id])
        assert (f'href="{url}"' in page) == (name in allowed), (name, status, who)
    decide = reverse("cases:closure_decide", args=[closure.public_id])
    assert (f'href="{decide}"' in page) == ("decide_closure" in allowed)
    fu = case.follow_ups.filter(done_on__isnull=True).first()
    follow_up = reverse("cases:follow_up_record", args=[fu.public_id])
    assert (f'href="{follow_up}"' in page) == ("follow_up" in allowed)


@pytest.mark.parametrize("status", CaseStatus.values)
def test_the_statutory_panel_offers_claims_and_subsidies_only_where_the_table_does(
    client_for, personas, reference_data, status
):
    # given
    case, _ = _worked_case(personas["alice"])
    case = _set_status(case, status)
    allowed = CASE.allowed_actions(status, "counsellor")
    # when
    page = (
        client_for(personas["alice"])
        .get(reverse("statutory:case_panel", args=[case.public_id]))
        .content.decode()
    )
    # then
    claim = reverse("statutory:claim_create", args=[case.public_id])
    subsidy = reverse("statutory:subsidy_create", args=[case.public_id, "transport"])
    assert (f'href="{claim}"' in page) == ("benefit" in allowed)
    assert (f'href="{subsidy}"' in page) == ("subsidy" in allowed)
