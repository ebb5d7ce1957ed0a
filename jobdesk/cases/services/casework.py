"""The case's state machine (docs/cases.md): open, assess, confirm, plan, review, place,
follow up, reassign. Closure and reopening are in ``closure.py``. One function per transition."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jobdesk.accounts.models import User
from jobdesk.accounts.roles import Role
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.due import refresh_next_due
from jobdesk.cases.models import (
    Case,
    CaseStatus,
    EmploymentPlan,
    FollowUp,
    JobSeeker,
    Lead,
    NeedsAssessment,
    NeedsConfirmation,
    PayBasis,
    Placement,
    Review,
)
from jobdesk.cases.services.guards import (
    check_dates_in_order,
    require_action,
    require_change,
)
from jobdesk.common.dates import local_date
from jobdesk.common.forms import needs_confirmation
from jobdesk.common.scoping import is_within
from jobdesk.common.versioning import save_versioned

S = CaseStatus
DEFAULT_FOLLOW_UP_MONTHS = (1, 3, 6)
ASSESSMENT_FIELDS = [
    "interviewed_on",
    "help_requested",
    "service_explained",
    "skills_background",
    "economic_situation",
    "work_situation",
    "personal_situation",
    "competency_vs_market",
]
CONFIRMATION_FIELDS = [
    "employment_goals",
    "training_needed",
    "job_search_activities",
    "resources_needed",
    "confirmed_on",
]
PLAN_FIELDS = ["personal_constraints", "strategy", "agreed_on"]
PLAN_M2M = ["target_industries", "target_occupations", "target_townships"]
REVIEW_FIELDS = [
    "reviewed_on",
    "strategy_assessment",
    "effectiveness",
    "assistance_adequate",
    "development_plan",
    "agreed_with_seeker",
    "next_review_on",
]


def move_case(
    case: Case,
    new_status: str,
    *,
    actor: User,
    event: str,
    expected_version: int | None,
    fields: Iterable[str] = (),
    after: Mapping[str, Any] | None = None,
) -> None:
    old = case.status
    case.status = new_status
    save_versioned(
        case,
        case.version if expected_version is None else expected_version,
        ["status", *fields],
    )
    refresh_next_due(case)
    record_event(
        event,
        actor=actor,
        subject=case,
        before={"status": old},
        after={"status": new_status} | dict(after or {}),
        label=str(case.seeker.name),
    )


def _required(data: Mapping[str, Any], names: Iterable[str], labels: Mapping[str, str]) -> None:
    missing = {n: f"請填寫「{labels[n]}」。" for n in names if not str(data.get(n) or "").strip()}
    if missing:
        raise ValidationError(missing)


def _label(model: Any, name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _today() -> datetime.date:
    return timezone.localdate()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def open_case(
    seeker: JobSeeker, *, actor: User, counsellor: Any = None, lead: Lead | None = None
) -> Case:
    """開案: one open case per job seeker at a time."""
    require_change(seeker, actor)
    counsellor = counsellor or actor
    if counsellor.role != Role.COUNSELLOR and counsellor.pk != actor.pk:
        raise ValidationError({"counsellor": "個案須指派給就業服務員。"})
    JobSeeker.objects.select_for_update().filter(pk=seeker.pk).first()
    if Case.objects.filter(seeker=seeker).exclude(status=S.CLOSED).exists():
        raise ValidationError("此求職者已有進行中的個案，請由既有個案繼續服務。")
    case: Case = Case.objects.create(
        office=seeker.office,
        seeker=seeker,
        counsellor=counsellor,
        lead=lead,
        opened_at=timezone.now(),
    )
    refresh_next_due(case)
    record_event(
        Event.CASE_OPENED,
        actor=actor,
        subject=case,
        after=snapshot(case, ["status", "counsellor", "seeker"]),
        label=seeker.name,
    )
    return case


@transaction.atomic
def record_needs_assessment(
    case: Case, *, actor: User, data: Mapping[str, Any], expected_version: int | None = None
) -> NeedsAssessment:
    """A new version of O1.2.1 (drafts and signed versions are never edited in place)."""
    require_change(case, actor)
    require_action(case, "assess", actor)
    labels = {f: _label(NeedsAssessment, f) for f in ASSESSMENT_FIELDS}
    _required(
        data,
        ["interviewed_on", "help_requested", "service_explained", "competency_vs_market"],
        labels,
    )
    if data["interviewed_on"] > _today():
        raise ValidationError({"interviewed_on": "晤談日期不可晚於今天。"})
    check_dates_in_order(
        local_date(case.opened_at),
        data["interviewed_on"],
        "晤談日期不可早於開案日。",
        "interviewed_on",
    )
    number = (case.assessments.aggregate(n=Max("number"))["n"] or 0) + 1
    assessment: NeedsAssessment = NeedsAssessment.objects.create(
        case=case,
        office=case.office,
        recorded_by=actor,
        number=number,
        **{f: data.get(f, "") for f in ASSESSMENT_FIELDS},
    )
    if case.status == S.OPEN:
        move_case(
            case,
            S.ASSESSING,
            actor=actor,
            event=Event.CASE_ASSESSING,
            expected_version=expected_version,
        )
    record_event(
        Event.CASE_ASSESSMENT_RECORDED,
        actor=actor,
        subject=assessment,
        office=case.office,
        after={"number": number, "case": case.public_id},
    )
    return assessment


@transaction.atomic
def sign_needs_assessment(assessment: NeedsAssessment, *, actor: User) -> NeedsAssessment:
    """The case's counsellor signs the latest version off; it is frozen from then on."""
    require_change(assessment, actor)
    assessment = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.case.counsellor_id != actor.pk:
        raise PermissionDenied("需求表由負責本個案的就業服務員簽核。")
    if assessment.is_signed:
        raise ValidationError("此版本已簽核，修改請新增版本。")
    latest = assessment.case.assessments.aggregate(n=Max("number"))["n"]
    if assessment.number != latest:
        raise ValidationError("只能簽核最新版本。")
    assessment.signed_at = timezone.now()
    assessment.signed_by = actor
    assessment.save(update_fields=["signed_at", "signed_by", "updated_at"])
    record_event(
        Event.CASE_ASSESSMENT_SIGNED,
        actor=actor,
        subject=assessment,
        after={"number": assessment.number, "signed_at": assessment.signed_at},
    )
    return assessment


@transaction.atomic
def confirm_needs(
    case: Case, *, actor: User, data: Mapping[str, Any], expected_version: int | None = None
) -> NeedsConfirmation:
    """T1.3: record (or revise) the agreed goals; the case moves on to planning."""
    require_change(case, actor)
    require_action(case, "confirm_needs", actor)
    if not case.assessments.filter(signed_at__isnull=False).exists():
        raise ValidationError("請先完成並簽核就業服務需求表（O1.2.1），再確認就業目標。")
    labels = {f: _label(NeedsConfirmation, f) for f in CONFIRMATION_FIELDS}
    _required(data, ["employment_goals", "confirmed_on"], labels)
    values = {f: data.get(f, "") for f in CONFIRMATION_FIELDS}
    confirmation: NeedsConfirmation | None = NeedsConfirmation.objects.filter(case=case).first()
    if confirmation is None:
        confirmation = NeedsConfirmation.objects.create(
            case=case, office=case.office, recorded_by=actor, **values
        )
    else:
        for k, v in values.items():
            setattr(confirmation, k, v)
        confirmation.save(update_fields=[*values, "updated_at"])
    if case.status == S.ASSESSING:
        move_case(
            case,
            S.PLANNING,
            actor=actor,
            event=Event.CASE_CONFIRMED,
            expected_version=expected_version,
        )
    assert confirmation is not None
    record_event(Event.CASE_NEEDS_CONFIRMED, actor=actor, subject=confirmation, after=values)
    return confirmation


@transaction.atomic
def save_plan(
    case: Case,
    *,
    actor: User,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> EmploymentPlan:
    """T2.1 就業計畫: create or revise; the first plan starts the job search and the reviews.

    ``expected_version`` is the plan's version when revising one (the case's when creating).
    """
    require_change(case, actor)
    require_action(case, "plan", actor)
    if not hasattr(case, "confirmation"):
        raise ValidationError("請先確認就業目標（T1.3），再訂定就業計畫。")
    if not str(data.get("strategy") or "").strip():
        raise ValidationError({"strategy": "請填寫接觸求職市場的策略。"})
    if data.get("agreed_on") is None:
        raise ValidationError({"agreed_on": "請填寫訂定日期。"})
    if not data.get("target_occupations"):
        raise ValidationError({"target_occupations": "請至少選擇一個目標職業。"})
    values = {f: data.get(f, "") for f in PLAN_FIELDS}
    plan: EmploymentPlan | None = EmploymentPlan.objects.filter(case=case).first()
    if plan is None:
        plan = EmploymentPlan.objects.create(
            case=case, office=case.office, recorded_by=actor, **values
        )
        event = Event.CASE_PLAN_CREATED
    else:
        for k, v in values.items():
            setattr(plan, k, v)
        save_versioned(
            plan, plan.version if expected_version is None else expected_version, PLAN_FIELDS
        )
        event = Event.CASE_PLAN_CHANGED
    for name in PLAN_M2M:
        if name in data:
            getattr(plan, name).set(data[name])
    if case.status == S.PLANNING:
        case.next_review_on = data["agreed_on"] + datetime.timedelta(
            days=case.office.review_interval_days
        )
        move_case(
            case,
            S.ACTIVE,
            actor=actor,
            event=Event.CASE_PLANNED,
            expected_version=None if event == Event.CASE_PLAN_CHANGED else expected_version,
            fields=["next_review_on"],
        )
    assert plan is not None
    record_event(event, actor=actor, subject=plan, after=values)
    return plan


@transaction.atomic
def record_review(
    case: Case, *, actor: User, data: Mapping[str, Any], expected_version: int | None = None
) -> Review:
    """T2.3 定期評估 with O2.3.1 職能發展計畫; schedules the next review."""
    require_change(case, actor)
    require_action(case, "review", actor)
    labels = {f: _label(Review, f) for f in REVIEW_FIELDS}
    _required(
        data, ["reviewed_on", "strategy_assessment", "effectiveness", "development_plan"], labels
    )
    reviewed_on = data["reviewed_on"]
    if reviewed_on > _today():
        raise ValidationError({"reviewed_on": "評估日期不可晚於今天。"})
    next_on = data.get("next_review_on") or reviewed_on + datetime.timedelta(
        days=case.office.review_interval_days
    )
    if next_on <= reviewed_on:
        raise ValidationError({"next_review_on": "下次評估日須晚於本次評估日。"})
    values = {f: data.get(f) for f in REVIEW_FIELDS} | {"next_review_on": next_on}
    values["assistance_adequate"] = bool(values["assistance_adequate"])
    values["agreed_with_seeker"] = bool(values["agreed_with_seeker"])
    review: Review = Review.objects.create(
        case=case, office=case.office, recorded_by=actor, **values
    )
    case.next_review_on = next_on
    save_versioned(
        case, case.version if expected_version is None else expected_version, ["next_review_on"]
    )
    refresh_next_due(case)
    record_event(Event.CASE_REVIEWED, actor=actor, subject=review, after=values)
    return review


@transaction.atomic
def place_case(
    case: Case,
    *,
    actor: User,
    vacancy_label: str,
    employer_label: str,
    start_date: datetime.date,
    pay: int,
    pay_basis: str,
    follow_up_months: Iterable[int] = DEFAULT_FOLLOW_UP_MONTHS,
    expected_version: int | None = None,
) -> Placement:
    """就業: record the job and schedule follow-ups (default 1, 3 and 6 months after start)."""
    require_change(case, actor)
    require_action(case, "place", actor)
    errors: dict[str, str] = {}
    if not employer_label.strip():
        errors["employer_label"] = "請填寫雇主。"
    if not vacancy_label.strip():
        errors["vacancy_label"] = "請填寫職缺。"
    if pay is None or pay <= 0:
        errors["pay"] = "請填寫薪資（正整數）。"
    if pay_basis not in PayBasis.values:
        errors["pay_basis"] = "計薪方式不正確。"
    if start_date < local_date(case.opened_at):
        errors["start_date"] = "到職日不可早於開案日。"
    if errors:
        raise ValidationError(errors)
    placement: Placement = Placement.objects.create(
        case=case,
        office=case.office,
        recorded_by=actor,
        employer_label=employer_label.strip(),
        vacancy_label=vacancy_label.strip(),
        start_date=start_date,
        pay=pay,
        pay_basis=pay_basis,
    )
    case.follow_ups.filter(done_on__isnull=True).delete()  # a new job replaces open follow-ups
    for months in sorted(set(follow_up_months)):
        FollowUp.objects.create(
            case=case,
            office=case.office,
            placement=placement,
            months_after=months,
            due_on=add_months(start_date, months),
        )
    move_case(
        case,
        S.PLACED,
        actor=actor,
        event=Event.CASE_PLACED,
        expected_version=expected_version,
        after=snapshot(placement, ["employer_label", "vacancy_label", "start_date", "pay"]),
    )
    return placement


# A follow-up recorded more than this many days before it is due is asked about: the 3-month
# follow-up done in the first month says little about whether the job lasted.
FOLLOW_UP_EARLY_DAYS = 14


@transaction.atomic
def record_follow_up(
    follow_up: FollowUp,
    *,
    actor: User,
    done_on: datetime.date,
    still_employed: bool,
    pay: int | None = None,
    leaving_reason: str = "",
    notes: str = "",
    confirmed: bool = False,
) -> FollowUp:
    """T3.4 就業追蹤: employment status, pay, and the reason for leaving when left. One done
    more than ``FOLLOW_UP_EARLY_DAYS`` before its due date needs ``confirmed``."""
    require_change(follow_up, actor)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    case = follow_up.case
    require_action(case, "follow_up", actor)
    if follow_up.done_on is not None:
        raise ValidationError("這次追蹤已記錄。")
    if done_on > _today():
        raise ValidationError({"done_on": "追蹤日期不可晚於今天。"})
    if done_on < follow_up.placement.start_date:
        raise ValidationError({"done_on": "追蹤日期不可早於到職日。"})
    if not still_employed and not leaving_reason.strip():
        raise ValidationError({"leaving_reason": "已離職時請填寫離職原因。"})
    if still_employed and (pay is None or pay <= 0):
        raise ValidationError({"pay": "仍在職時請填寫目前薪資。"})
    early_days = (follow_up.due_on - done_on).days
    if early_days > FOLLOW_UP_EARLY_DAYS and not confirmed:
        raise needs_confirmation(
            [
                f"這次追蹤預定於 {follow_up.due_on:%Y-%m-%d}，比預定日早 {early_days} 天；"
                "提早記錄的追蹤無法反映到職後是否穩定就業。確定要記錄請勾選確認後再送出。"
            ]
        )
    follow_up.done_on = done_on
    follow_up.still_employed = still_employed
    follow_up.pay = pay if still_employed else None
    follow_up.leaving_reason = leaving_reason.strip()
    follow_up.notes = notes
    follow_up.recorded_by = actor
    fields = ["done_on", "still_employed", "pay", "leaving_reason", "notes", "recorded_by"]
    follow_up.save(update_fields=[*fields, "updated_at"])
    after = snapshot(follow_up, fields)
    if early_days > FOLLOW_UP_EARLY_DAYS:
        after["recorded_days_early"] = early_days
    record_event(Event.CASE_FOLLOWED_UP, actor=actor, subject=follow_up, after=after)
    if case.status == S.PLACED:
        move_case(case, S.FOLLOW_UP, actor=actor, event=Event.CASE_FOLLOW_UP, expected_version=None)
    else:
        refresh_next_due(case)
    return follow_up


@transaction.atomic
def reassign_case(
    case: Case, *, actor: User, counsellor: User, expected_version: int | None = None
) -> Case:
    """The supervisor gives the case to another counsellor of the office (or its desks)."""
    require_action(case, "reassign", actor)
    require_change(case, actor)
    if counsellor.role != Role.COUNSELLOR or not counsellor.is_active:
        raise ValidationError({"counsellor": "只能指派給在職的就業服務員。"})
    if not is_within(counsellor.office, actor.office):
        raise ValidationError({"counsellor": "只能指派給本據點（含所屬服務台）的就業服務員。"})
    if not is_within(counsellor.office, case.office):
        raise ValidationError({"counsellor": "承辦人須屬於個案所在據點。"})
    if counsellor.pk == case.counsellor_id:
        raise ValidationError({"counsellor": "個案已由這位就業服務員負責。"})
    before = {"counsellor": case.counsellor.username}
    case.counsellor = counsellor
    save_versioned(
        case, case.version if expected_version is None else expected_version, ["counsellor"]
    )
    record_event(
        Event.CASE_REASSIGNED,
        actor=actor,
        subject=case,
        before=before,
        after={"counsellor": counsellor.username},
        label=case.seeker.name,
    )
    return case
