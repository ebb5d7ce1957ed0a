"""URLs of jobdesk.cases in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, Spec

SUPERVISOR = frozenset({"supervisor"})


def build(ctx: dict[str, Any]) -> None:
    import datetime

    from jobdesk.cases import services
    from jobdesk.cases.models import EmploymentPlan, FollowUp, PlanStep
    from tests.cases.factories import closure_requested, make_case, placed

    alice = ctx["personas"]["alice"]
    event = services.create_outreach_event(
        actor=alice,
        office=alice.office,
        title="宣導",
        kind="campaign",
        place="公所",
        held_on=datetime.date.today(),
    )
    ctx["event"] = event
    ctx["lead"] = services.capture_lead(actor=alice, event=event, name="林", phone="0222334455")
    ctx["case"] = make_case(alice)
    ctx["seeker"] = ctx["case"].seeker
    placed_case = placed(alice)
    ctx["placed_case"] = placed_case
    ctx["assessment"] = placed_case.assessments.get()
    plan = EmploymentPlan.objects.get(case=placed_case)
    ctx["step"] = services.add_plan_step(
        plan, actor=alice, description="投履歷", owner="求職者", due_on=plan.agreed_on
    )
    ctx["follow_up"] = FollowUp.objects.filter(case=placed_case).first()
    ctx["review"] = services.record_review(
        placed_case,
        actor=alice,
        data={
            "reviewed_on": datetime.date.today(),
            "strategy_assessment": "a",
            "effectiveness": "b",
            "development_plan": "c",
        },
    )
    ctx["closure"] = closure_requested(alice)
    ctx["closed_case"] = ctx["closure"].case
    # a case of centre C offered to alice's centre: the request is the receiving office's row
    from jobdesk.cases.services.transfers import request_transfer

    other = make_case(ctx["personas"]["charlie"])
    ctx["transfer"] = request_transfer(
        other,
        actor=ctx["personas"]["tina"],
        to_office=alice.office,
        reason="求職者遷居",
        expected_version=other.version,
    )
    assert PlanStep.objects.exists()


def _id(key: str) -> Any:
    return lambda ctx: {"public_id": ctx[key].public_id}


CASE = _id("case")
MATRIX.update(
    {
        "cases:outreach_list": Spec(CASEWORK),
        "cases:outreach_create": Spec(CASEWORK),
        "cases:outreach_detail": Spec(CASEWORK, make=_id("event"), scoped=True),
        "cases:lead_create": Spec(CASEWORK),
        "cases:lead_convert": Spec(CASEWORK, make=_id("lead"), scoped=True),
        "cases:lead_decline": Spec(
            CASEWORK, make=_id("lead"), scoped=True, method="post", ok_status=(302,)
        ),
        "cases:seeker_list": Spec(CASEWORK),
        "cases:seeker_create": Spec(CASEWORK),
        "cases:seeker_detail": Spec(CASEWORK, make=_id("seeker"), scoped=True),
        "cases:seeker_edit": Spec(CASEWORK, make=_id("seeker"), scoped=True),
        "cases:seeker_print": Spec(CASEWORK, make=_id("seeker"), scoped=True),
        "cases:case_open": Spec(
            CASEWORK, make=_id("seeker"), scoped=True, method="post", ok_status=(302,)
        ),
        "cases:case_list": Spec(CASEWORK),
        "cases:caseload": Spec(CASEWORK),
        "cases:caseload_panel": Spec(CASEWORK),
        "cases:followups_due": Spec(CASEWORK),
        "cases:closures_pending": Spec(SUPERVISOR),
        "cases:case_detail": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:assessment_create": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:confirm_needs": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:plan_edit": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:plan_step_add": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:plan_print": Spec(CASEWORK, make=_id("placed_case"), scoped=True),
        "cases:skills_edit": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:development_add": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:review_create": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:activity_create": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:placement_create": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:closure_request": Spec(CASEWORK, make=CASE, scoped=True),
        "cases:case_reopen": Spec(CASEWORK, make=_id("closed_case"), scoped=True),
        "cases:case_reassign": Spec(SUPERVISOR, make=CASE, scoped=True),
        "cases:case_transfer": Spec(SUPERVISOR, make=CASE, scoped=True),
        "cases:transfer_cancel": Spec(
            SUPERVISOR, make=CASE, scoped=True, method="post", ok_status=(302,)
        ),
        "cases:transfers_incoming": Spec(SUPERVISOR),
        "cases:transfer_decide": Spec(SUPERVISOR, make=_id("transfer"), scoped=True),
        "cases:assessment_sign": Spec(
            CASEWORK, make=_id("assessment"), scoped=True, method="post", ok_status=(302,)
        ),
        "cases:assessment_print": Spec(CASEWORK, make=_id("assessment"), scoped=True),
        "cases:plan_step_status": Spec(
            CASEWORK, make=_id("step"), scoped=True, method="post", ok_status=(302,)
        ),
        "cases:review_print": Spec(CASEWORK, make=_id("review"), scoped=True),
        "cases:follow_up_record": Spec(CASEWORK, make=_id("follow_up"), scoped=True),
        "cases:closure_decide": Spec(SUPERVISOR, make=_id("closure"), scoped=True),
        "cases:closure_print": Spec(CASEWORK, make=_id("closure"), scoped=True),
    }
)
CONTEXT_BUILDERS.append(build)
