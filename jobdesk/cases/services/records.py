"""Records kept in a case beside its state: activities (服務紀錄), plan steps, job-search skills."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.due import refresh_next_due
from jobdesk.cases.models import (
    Activity,
    ActivityKind,
    Case,
    DevelopmentActivity,
    EmploymentPlan,
    PlanStep,
    PlanStepStatus,
    SkillsAssessment,
)
from jobdesk.cases.services.guards import require_action, require_change
from jobdesk.common.versioning import save_versioned
from jobdesk.standard.loader import indicator_codes_of, task_choices

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

SKILL_FIELDS = ["resume", "interview", "channels", "self_marketing", "networking"]


@transaction.atomic
def record_activity(
    case: Case,
    *,
    actor: User,
    kind: str,
    task_code: str,
    indicator_codes: Iterable[str],
    occurred_at: datetime.datetime,
    duration_minutes: int,
    notes: str,
    by_case_status: bool = True,
) -> Activity:
    """服務紀錄: one contact, counted against the standard's task (T code) and indicators (P).

    A contact recorded on its own needs a case in work (``CASE["activity"]``); one that another
    state machine records as part of its own step (a referral's reply after closure) passes
    ``by_case_status=False`` and answers to that machine's table instead."""
    require_change(case, actor)
    if by_case_status:
        require_action(case, "activity", actor)
    errors: dict[str, str] = {}
    if kind not in ActivityKind.values:
        errors["kind"] = "請選擇服務方式。"
    if task_code not in dict(task_choices()):
        errors["task_code"] = "請選擇職能基準的工作任務。"
    codes = sorted(set(indicator_codes))
    allowed = set(indicator_codes_of(task_code))
    if any(c not in allowed for c in codes):
        errors["indicator_codes"] = f"行為指標須屬於 {task_code}：{'、'.join(sorted(allowed))}。"
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["occurred_at"] = "服務時間不可晚於現在。"
    if occurred_at < case.opened_at - datetime.timedelta(days=1):
        errors["occurred_at"] = "服務時間不可早於開案日。"
    if not 1 <= duration_minutes <= 600:
        errors["duration_minutes"] = "時間長度須為 1 到 600 分鐘。"
    if not notes.strip():
        errors["notes"] = "請填寫服務紀錄內容。"
    if errors:
        raise ValidationError(errors)
    activity: Activity = Activity.objects.create(
        case=case,
        office=case.office,
        recorded_by=actor,
        kind=kind,
        task_code=task_code,
        indicator_codes=codes,
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        notes=notes.strip(),
    )
    record_event(
        Event.CASE_ACTIVITY_RECORDED,
        actor=actor,
        subject=activity,
        after=snapshot(activity, ["kind", "task_code", "indicator_codes", "occurred_at"]),
    )
    return activity


@transaction.atomic
def add_plan_step(
    plan: EmploymentPlan, *, actor: User, description: str, due_on: datetime.date, owner: str
) -> PlanStep:
    require_change(plan, actor)
    require_action(plan.case, "add_step", actor)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "請填寫步驟內容。"
    if not owner.strip():
        errors["owner"] = "請填寫負責人。"
    if due_on < plan.agreed_on:
        errors["due_on"] = "預定完成日不可早於計畫訂定日。"
    if errors:
        raise ValidationError(errors)
    step: PlanStep = PlanStep.objects.create(
        case=plan.case,
        plan=plan,
        office=plan.office,
        recorded_by=actor,
        description=description.strip(),
        due_on=due_on,
        owner=owner.strip(),
    )
    refresh_next_due(plan.case)
    record_event(Event.CASE_PLAN_STEP_ADDED, actor=actor, subject=step, after=snapshot(step))
    return step


@transaction.atomic
def set_plan_step_status(
    step: PlanStep, *, actor: User, status: str, expected_version: int, done_on: Any = None
) -> PlanStep:
    require_change(step, actor)
    if status not in PlanStepStatus.values:
        raise ValidationError({"status": "狀態不正確。"})
    before = snapshot(step, ["status", "done_on"])
    step.status = status
    step.done_on = (done_on or timezone.localdate()) if status == PlanStepStatus.DONE else None
    save_versioned(step, expected_version, ["status", "done_on"])
    refresh_next_due(step.case)
    record_event(
        Event.CASE_PLAN_STEP_STATUS,
        actor=actor,
        subject=step,
        before=before,
        after=snapshot(step, ["status", "done_on"]),
    )
    return step


@transaction.atomic
def save_skills_assessment(case: Case, *, actor: User, data: Mapping[str, Any]) -> SkillsAssessment:
    """T2.2 (P2.2.1): rate résumé, interview, channels, self-marketing, networking (1–5)."""
    require_change(case, actor)
    require_action(case, "skills", actor)
    errors = {f: "請評 1 到 5 分。" for f in SKILL_FIELDS if data.get(f) not in (1, 2, 3, 4, 5)}
    if data.get("assessed_on") is None:
        errors["assessed_on"] = "請填寫評估日期。"
    if errors:
        raise ValidationError(errors)
    values = {f: data[f] for f in SKILL_FIELDS} | {
        "areas_to_develop": data.get("areas_to_develop", ""),
        "assessed_on": data["assessed_on"],
    }
    row: SkillsAssessment | None = SkillsAssessment.objects.filter(case=case).first()
    if row is None:
        row = SkillsAssessment.objects.create(
            case=case, office=case.office, recorded_by=actor, **values
        )
    else:
        for k, v in values.items():
            setattr(row, k, v)
        row.save(update_fields=[*values, "updated_at"])
    assert row is not None
    record_event(Event.CASE_SKILLS_ASSESSED, actor=actor, subject=row, after=values)
    return row


@transaction.atomic
def add_development_activity(
    case: Case,
    *,
    actor: User,
    title: str,
    formal: bool,
    held_on: datetime.date,
    attended: bool,
    notes: str = "",
) -> DevelopmentActivity:
    """T2.2 (P2.2.2): a workshop, coaching session or other activity, with attendance."""
    require_change(case, actor)
    require_action(case, "development", actor)
    if not title.strip():
        raise ValidationError({"title": "請填寫活動名稱。"})
    if attended and held_on > timezone.localdate():
        raise ValidationError({"attended": "活動尚未舉行，無法記錄出席。"})
    row: DevelopmentActivity = DevelopmentActivity.objects.create(
        case=case,
        office=case.office,
        recorded_by=actor,
        title=title.strip(),
        formal=formal,
        held_on=held_on,
        attended=attended,
        notes=notes,
    )
    record_event(Event.CASE_DEVELOPMENT_ACTIVITY, actor=actor, subject=row, after=snapshot(row))
    return row
