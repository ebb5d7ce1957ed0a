from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.cases import services
from jobdesk.cases.models import Activity, EmploymentPlan, PlanStepStatus
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import make_case, planned

pytestmark = pytest.mark.django_db


def test_activity_is_counted_against_the_standard(personas, reference_data):
    # given
    alice = personas["alice"]
    case = make_case(alice)
    # when
    activity = services.record_activity(
        case,
        actor=alice,
        kind="phone",
        task_code="T3.1",
        indicator_codes=["P3.1.1"],
        occurred_at=timezone.now(),
        duration_minutes=15,
        notes="提供倉儲職缺資訊",
    )
    # then
    assert (activity.task_code, activity.indicator_codes, activity.office) == (
        "T3.1",
        ["P3.1.1"],
        case.office,
    )


def test_activity_refuses_indicators_of_another_task_and_bad_input(personas, reference_data):
    alice = personas["alice"]
    case = make_case(alice)
    with pytest.raises(ValidationError) as exc:
        services.record_activity(
            case,
            actor=alice,
            kind="fax",
            task_code="T3.1",
            indicator_codes=["P1.2.1"],
            occurred_at=timezone.now() + datetime.timedelta(days=1),
            duration_minutes=0,
            notes="",
        )
    assert {"kind", "indicator_codes", "occurred_at", "duration_minutes", "notes"} <= set(
        exc.value.message_dict
    )
    assert not Activity.objects.exists()


def test_plan_steps_have_dates_in_order_and_a_versioned_status(personas, reference_data):
    alice = personas["alice"]
    plan = EmploymentPlan.objects.get(case=planned(alice))
    with pytest.raises(ValidationError):
        services.add_plan_step(
            plan,
            actor=alice,
            description="投履歷",
            owner="求職者",
            due_on=plan.agreed_on - datetime.timedelta(days=1),
        )
    step = services.add_plan_step(
        plan, actor=alice, description="投履歷", owner="求職者", due_on=plan.agreed_on
    )
    services.set_plan_step_status(step, actor=alice, status=PlanStepStatus.DONE, expected_version=1)
    step.refresh_from_db()
    assert step.status == PlanStepStatus.DONE
    assert step.done_on == timezone.localdate()
    with pytest.raises(ConcurrentEditError):
        services.set_plan_step_status(step, actor=alice, status="todo", expected_version=1)


def test_skills_assessment_and_development_attendance(personas, reference_data):
    alice = personas["alice"]
    case = make_case(alice)
    with pytest.raises(ValidationError):
        services.save_skills_assessment(case, actor=alice, data={"resume": 9})
    row = services.save_skills_assessment(
        case,
        actor=alice,
        data={
            "resume": 2,
            "interview": 3,
            "channels": 4,
            "self_marketing": 2,
            "networking": 1,
            "assessed_on": timezone.localdate(),
        },
    )
    assert row.resume == 2
    with pytest.raises(ValidationError, match="尚未舉行"):
        services.add_development_activity(
            case,
            actor=alice,
            title="面試工作坊",
            formal=True,
            held_on=timezone.localdate() + datetime.timedelta(days=3),
            attended=True,
        )
    services.add_development_activity(
        case,
        actor=alice,
        title="面試工作坊",
        formal=True,
        held_on=timezone.localdate(),
        attended=True,
    )
    assert case.development_activities.get().attended
