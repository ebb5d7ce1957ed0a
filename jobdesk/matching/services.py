"""Every change of state of a recommendation (推介) is one function here: atomic, validated,
scoped, version-checked and audited. The HTML views, the demo and the tests call these.

State machine::

    recommended ──► interview ──► hired ──► started (報到: the case moves to follow-up)
        │  ▲            │           │
        │  └────────────┘           └──► not_hired (未報到)
        ├──► hired / not_hired (reason from NotHiredReason)
        └──► withdrawn (from recommended or interview)
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_access, record_event, snapshot
from jobdesk.common.transitions import role_of
from jobdesk.common.versioning import save_versioned
from jobdesk.matching.models import (
    CASEWORK_ROLES,
    OPEN_STATUSES,
    RECOMMENDATION_ROLES,
    NotHiredReason,
    Recommendation,
)
from jobdesk.matching.models import RecommendationStatus as S
from jobdesk.matching.transitions import RECOMMENDATION, REPLIES

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

# Which reply an employer may give from which state: the table in jobdesk/matching/transitions.py.
REPLY_OUTCOMES = REPLIES
REPLY_FROM: dict[str, frozenset[str]] = {o: RECOMMENDATION.sources(o) for o in REPLIES}
REPLY_FROM_ANY = frozenset().union(*REPLY_FROM.values())
_FIELDS = [
    "status",
    "interview_on",
    "reply_reason",
    "reply_note",
    "replied_by",
    "replied_at",
    "start_date",
]


def _require_role(actor: User, roles: frozenset[str], message: str) -> None:
    if getattr(actor, "role", None) not in roles or getattr(actor, "office_id", None) is None:
        raise PermissionDenied(message)


def _require_scope(model: Any, obj: Any, actor: User, action: str) -> None:
    if not model.objects.filter(pk=obj.pk).for_user(actor, action).exists():
        raise PermissionDenied("您沒有權限處理這筆資料。")


def _require_change(rec: Recommendation, actor: User) -> None:
    _require_role(actor, RECOMMENDATION_ROLES, "您沒有權限處理推介。")
    _require_scope(Recommendation, rec, actor, "change")


def _open_case_of(seeker: Any) -> Any:
    from jobdesk.cases.models import Case, CaseStatus

    return (
        Case.objects.filter(seeker=seeker)
        .exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CLOSURE_REQUESTED])
        .order_by("-opened_at")
        .first()
    )


@transaction.atomic
def recommend(
    *,
    actor: User,
    seeker: Any,
    vacancy: Any,
    consent: bool,
    note: str = "",
    score: float | None = None,
    explanation: list[dict[str, Any]] | None = None,
) -> Recommendation:
    """推介: recommend ``seeker`` to ``vacancy``, only with the seeker's recorded agreement.

    Refused while the vacancy is not recommendable (closed, §10 dispute, §5 finding) with the
    zh-Hant reason, for an inactive seeker, and when an open recommendation of the pair exists.
    """
    from jobdesk.cases.models import JobSeeker
    from jobdesk.employers.models import Vacancy
    from jobdesk.privacy.services import is_processing_stopped

    _require_role(actor, CASEWORK_ROLES, "推介限就業服務員或督導執行。")
    _require_scope(JobSeeker, seeker, actor, "change")
    _require_scope(Vacancy, vacancy, actor, "view")
    vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    errors: dict[str, str] = {}
    if not consent:
        errors["consent"] = "須經求職者同意才能推介並提供其個人資料（就業服務法第9條）。"
    ok, reason = vacancy.is_recommendable()
    if not ok:
        errors["__all__"] = f"這個職缺目前不能推介：{reason}"
    elif not seeker.is_active:
        errors["__all__"] = "求職者目前不是求職中，不能推介。"
    elif is_processing_stopped(seeker):
        errors["__all__"] = "求職者已請求停止處理利用其個人資料（個資法第3條），不能推介。"
    elif Recommendation.objects.filter(
        seeker=seeker, vacancy=vacancy, status__in=OPEN_STATUSES
    ).exists():
        errors["__all__"] = "這位求職者已推介到這個職缺，推介仍在進行中。"
    if len(note) > 2000:
        errors["note"] = "推介說明請在 2,000 字以內。"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    rec = Recommendation.objects.create(
        office=seeker.office,
        seeker=seeker,
        case=_open_case_of(seeker),
        vacancy=vacancy,
        counsellor=actor,
        score=score,
        explanation=explanation or [],
        note=note.strip(),
        consent_given=True,
        consent_recorded_by=actor,
        consent_recorded_at=now,
        recommended_at=now,
    )
    record_event(
        Event.MATCHING_RECOMMENDED,
        actor=actor,
        subject=rec,
        after=snapshot(rec, ["seeker", "vacancy", "status", "consent_given", "score"]),
        label=f"推介 {vacancy.title}",
    )
    return rec


@transaction.atomic
def record_reply(
    rec: Recommendation,
    *,
    actor: User,
    expected_version: int,
    outcome: str,
    reason: str = "",
    note: str = "",
    interview_on: datetime.date | None = None,
) -> Recommendation:
    """The employer's reply: 面試 (with a date), 錄取, or 未錄取 with a reason from the list."""
    _require_change(rec, actor)
    errors: dict[str, str] = {}
    if outcome not in REPLY_OUTCOMES:
        raise ValidationError({"outcome": "請選擇雇主回覆：面試、錄取或未錄取。"})
    RECOMMENDATION.require(rec.status, outcome, role_of(actor))
    if outcome == S.NOT_HIRED:
        if reason not in NotHiredReason.values:
            errors["reason"] = "請選擇未錄取原因。"
        elif reason == NotHiredReason.OTHER and not note.strip():
            errors["note"] = "原因為「其他」時請說明。"
    elif reason:
        errors["reason"] = "只有未錄取時才填寫原因。"
    if outcome == S.INTERVIEW and interview_on is None:
        errors["interview_on"] = "請填寫面試日期。"
    if errors:
        raise ValidationError(errors)
    before = snapshot(rec, _FIELDS)
    rec.status = outcome
    rec.reply_reason = reason if outcome == S.NOT_HIRED else ""
    rec.reply_note = note.strip()
    if interview_on is not None:
        rec.interview_on = interview_on
    rec.replied_by = actor
    rec.replied_at = timezone.now()
    save_versioned(rec, expected_version, _FIELDS)
    record_event(
        f"matching.reply_{outcome}",
        actor=actor,
        subject=rec,
        before=before,
        after=snapshot(rec, _FIELDS),
        label=f"雇主回覆：{S(outcome).label}",
    )
    return rec


@transaction.atomic
def record_start(
    rec: Recommendation,
    *,
    actor: User,
    expected_version: int,
    start_date: datetime.date,
    pay: int,
    pay_basis: str,
) -> Recommendation:
    """報到: the hired seeker started work; the case gets a placement and moves to follow-up."""
    from jobdesk.cases.services import place_case

    _require_role(actor, CASEWORK_ROLES, "報到由就業服務員或督導登錄（個案將進入就業追蹤）。")
    _require_change(rec, actor)
    RECOMMENDATION.require(rec.status, "start", role_of(actor))
    case = rec.case or _open_case_of(rec.seeker)
    if case is None:
        raise ValidationError("這位求職者沒有進行中的個案，無法登錄就業；請先開案。")
    if start_date > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError({"start_date": "報到日不可晚於今天。"})
    before = snapshot(rec, _FIELDS)
    vacancy = rec.vacancy
    place_case(
        case,
        actor=actor,
        vacancy_label=vacancy.title,
        employer_label=vacancy.employer.name,
        start_date=start_date,
        pay=pay,
        pay_basis=pay_basis,
    )
    rec.status = S.STARTED
    rec.start_date = start_date
    rec.case = case
    save_versioned(rec, expected_version, [*_FIELDS, "case"])
    record_event(
        Event.MATCHING_STARTED,
        actor=actor,
        subject=rec,
        before=before,
        after=snapshot(rec, _FIELDS),
        label="推介就業：已報到",
    )
    return rec


@transaction.atomic
def withdraw(
    rec: Recommendation, *, actor: User, expected_version: int, note: str
) -> Recommendation:
    """撤回: the counsellor withdraws a recommendation (e.g. the seeker changed their mind)."""
    _require_role(actor, CASEWORK_ROLES, "撤回推介限就業服務員或督導執行。")
    _require_change(rec, actor)
    RECOMMENDATION.require(rec.status, "withdraw", role_of(actor))
    if not note.strip():
        raise ValidationError({"note": "請說明撤回原因。"})
    before = snapshot(rec, _FIELDS)
    rec.status = S.WITHDRAWN
    rec.reply_note = note.strip()
    save_versioned(rec, expected_version, ["status", "reply_note"])
    record_event(
        Event.MATCHING_WITHDRAWN,
        actor=actor,
        subject=rec,
        before=before,
        after=snapshot(rec, _FIELDS),
        label="撤回推介",
    )
    return rec


def record_card_viewed(rec: Recommendation, *, actor: User) -> None:
    """介紹卡 opened (a printable page of personal data): an access-log row, nothing else."""
    _require_role(actor, RECOMMENDATION_ROLES, "您沒有權限列印介紹卡。")
    _require_scope(Recommendation, rec, actor, "view")
    record_access(
        actor=actor,
        subject=rec.seeker,
        office=rec.office,
        action=AccessAction.PRINT,
        what=f"介紹卡：{rec.vacancy.title}",
        reason="推介（就業服務法第9條：僅提供推介所需資料）",
    )


@transaction.atomic
def record_card_printed(rec: Recommendation, *, actor: User) -> Recommendation:
    """介紹卡 printed and handed over (a POST, never a page view): the print time, audited."""
    _require_role(actor, RECOMMENDATION_ROLES, "您沒有權限列印介紹卡。")
    _require_scope(Recommendation, rec, actor, "view")
    locked = Recommendation.objects.select_for_update().get(pk=rec.pk)
    before = {"card_printed_at": locked.card_printed_at}
    locked.card_printed_at = timezone.now()
    locked.save(update_fields=["card_printed_at", "updated_at"])
    record_event(
        Event.MATCHING_CARD_PRINTED,
        actor=actor,
        subject=locked,
        before=before,
        after={"card_printed_at": locked.card_printed_at},
        label="介紹卡已列印交付",
    )
    rec.card_printed_at = locked.card_printed_at
    return locked
