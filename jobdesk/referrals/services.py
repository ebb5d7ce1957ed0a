"""Every change of state of a referral (T3.3): atomic, validated, audited, recorded as activity.

O3.3.1 ``start_referral`` / ``confirm_need``; O3.3.2 ``sign_consent``; P3.3.3 ``send_referral``,
``record_reply``, ``record_follow_up``, ``record_outcome``. Nothing is sent without a valid signed
consent; ``stop_for_withdrawn_consent`` stops referrals whose consent was withdrawn.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.models import ActivityKind
from jobdesk.cases.services import record_activity
from jobdesk.cases.transitions import CASE
from jobdesk.common.transitions import role_of
from jobdesk.privacy.data_items import BY_CODE, labels_of
from jobdesk.privacy.models import ConsentPurpose, SignatureMethod
from jobdesk.privacy.services import record_consent, withdraw_consent
from jobdesk.privacy.signatures import CheckedFile
from jobdesk.privacy.wording import REFERRAL_CONSENT_VERSION, referral_consent_text
from jobdesk.referrals.models import (
    Outcome,
    Referral,
    ReferralResource,
    ReferralStatus,
    ReferralUpdate,
    ReferralUpdateKind,
    ReplyKind,
)
from jobdesk.referrals.transitions import REFERRAL

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

TASK = "T3.3"


def _require_change(obj: Any, actor: User) -> None:
    manager: Any = type(obj)._default_manager
    if not manager.filter(pk=obj.pk).for_user(actor, "change").exists():
        raise PermissionDenied("您沒有權限處理這筆轉介。")


def _lock(referral: Referral, actor: User, action: str) -> Referral:
    """Lock the row, then check ``action`` against the table (jobdesk/referrals/transitions.py)."""
    _require_change(referral, actor)
    locked = (
        Referral.objects.select_for_update().select_related("case", "resource").get(pk=referral.pk)
    )
    REFERRAL.require(locked.status, action, role_of(actor))
    return locked


def _note(referral: Referral, kind: str, day: datetime.date, note: str, actor: User) -> None:
    ReferralUpdate.objects.create(
        referral=referral,
        office=referral.office,
        kind=kind,
        occurred_on=day,
        note=note,
        recorded_by=actor,
    )


def _activity(referral: Referral, *, actor: User, indicators: list[str], notes: str) -> None:
    record_activity(
        referral.case,
        actor=actor,
        kind=ActivityKind.OTHER,
        task_code=TASK,
        indicator_codes=indicators,
        occurred_at=timezone.now(),
        duration_minutes=15,
        notes=notes,
        by_case_status=False,  # the referral's own table (REFERRAL) governs its steps
    )


def _text(errors: dict[str, str], name: str, value: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = f"請填寫{label}。"
    elif len(value) > limit:
        errors[name] = f"{label}最多 {limit} 字。"
    return value


@transaction.atomic
def start_referral(
    case: Any,
    *,
    actor: User,
    resource: ReferralResource,
    situation: str,
    need: str,
    reason_for_resource: str,
    receiving_contact: str,
    data_items: list[str],
    purpose_text: str,
    consent_valid_months: int = 6,
) -> Referral:
    """O3.3.1 轉介評估表 (P3.3.1): the assessed situation and need, the resource chosen."""
    _require_change(case, actor)
    errors: dict[str, str] = {}
    CASE.require(case.status, "refer", role_of(actor))
    if not resource.is_active:
        errors["resource"] = "此轉介資源已停用，請選擇其他資源。"
    situation = _text(errors, "situation", situation, "求職者狀況評估", 4000)
    need = _text(errors, "need", need, "轉介需求", 4000)
    reason = _text(errors, "reason_for_resource", reason_for_resource, "選擇理由", 2000)
    purpose = _text(errors, "purpose_text", purpose_text, "轉介目的", 2000)
    if len(receiving_contact) > 200:
        errors["receiving_contact"] = "聯絡人最多 200 字。"
    if not data_items or any(c not in BY_CODE for c in data_items):
        errors["data_items"] = "請勾選轉介時提供的資料項目（僅提供轉介所需者）。"
    if not 1 <= consent_valid_months <= 24:
        errors["consent_valid_months"] = "同意有效月數須為 1 到 24 個月。"
    if errors:
        raise ValidationError(errors)
    referral: Referral = Referral.objects.create(
        case=case,
        office=case.office,
        resource=resource,
        counsellor=actor,
        situation=situation,
        need=need,
        reason_for_resource=reason,
        receiving_contact=receiving_contact.strip(),
        data_items=[c for c in BY_CODE if c in set(data_items)],
        purpose_text=purpose,
        consent_valid_months=consent_valid_months,
    )
    _note(referral, ReferralUpdateKind.ASSESSED, timezone.localdate(), "", actor)
    record_event(
        Event.REFERRAL_STARTED,
        actor=actor,
        subject=referral,
        after=snapshot(referral, ["resource", "data_items", "status"]),
    )
    _activity(referral, actor=actor, indicators=["P3.3.1"], notes=f"轉介評估：{resource.name}")
    return referral


@transaction.atomic
def confirm_need(
    referral: Referral, *, actor: User, confirmed_on: datetime.date, note: str
) -> Referral:
    """P3.3.1: the need was confirmed with the receiving unit."""
    locked = _lock(referral, actor, "confirm")
    errors: dict[str, str] = {}
    note = _text(errors, "note", note, "確認需求紀錄", 2000)
    if confirmed_on > timezone.localdate():
        errors["confirmed_on"] = "確認日期不可晚於今天。"
    if errors:
        raise ValidationError(errors)
    locked.need_confirmed_on = confirmed_on
    locked.need_confirmation_note = note
    locked.save(update_fields=["need_confirmed_on", "need_confirmation_note", "updated_at"])
    _note(locked, ReferralUpdateKind.NEED_CONFIRMED, confirmed_on, note, actor)
    record_event(Event.REFERRAL_NEED_CONFIRMED, actor=actor, subject=locked)
    return locked


def consent_text(referral: Referral, valid_until: datetime.date) -> str:
    return referral_consent_text(
        seeker_name=referral.case.seeker.name,
        recipient=referral.resource.name,
        purpose=referral.purpose_text,
        data_items=list(referral.data_items),
        valid_until=valid_until,
    )


def consent_valid_until(referral: Referral) -> datetime.date:
    from jobdesk.cases.services.casework import add_months

    return add_months(timezone.localdate(), referral.consent_valid_months)


@transaction.atomic
def sign_consent(
    referral: Referral, *, actor: User, method: str, signature: CheckedFile, explained: bool
) -> Referral:
    """O3.3.2 轉介同意書 (P3.3.2): the process was explained and the job seeker signed."""
    locked = _lock(referral, actor, "sign_consent")
    if not explained:
        raise ValidationError(
            {"explained": "請先向求職者說明轉介流程、提供之資料與其權利，並勾選確認。"}
        )
    if method not in SignatureMethod.values:
        raise ValidationError({"method": "簽署方式不正確。"})
    valid_until = consent_valid_until(locked)
    consent = record_consent(
        locked.case.seeker,
        actor=actor,
        purpose=ConsentPurpose.REFERRAL,
        recipient=locked.resource.name,
        purpose_text=locked.purpose_text,
        data_items=list(locked.data_items),
        valid_until=valid_until,
        wording_version=REFERRAL_CONSENT_VERSION,
        wording_text=consent_text(locked, valid_until),
        method=method,
        signature=signature,
    )
    locked.consent = consent
    locked.process_explained_at = timezone.now()
    locked.status = ReferralStatus.CONSENTED
    locked.save(update_fields=["consent", "process_explained_at", "status", "updated_at"])
    _note(
        locked,
        ReferralUpdateKind.CONSENT_SIGNED,
        timezone.localdate(),
        consent.get_method_display(),
        actor,
    )
    record_event(Event.REFERRAL_CONSENT_SIGNED, actor=actor, subject=locked)
    _activity(locked, actor=actor, indicators=["P3.3.2"], notes="說明轉介流程並簽署轉介同意書")
    return locked


@transaction.atomic
def send_referral(
    referral: Referral, *, actor: User, sent_on: datetime.date, method: str
) -> Referral:
    """P3.3.3: send the referral packet. Refused without a valid signed consent."""
    locked = _lock(referral, actor, "send")
    if locked.consent is None or not locked.consent.is_valid():
        raise ValidationError(
            "沒有有效的轉介同意書（未簽署、已撤回或已逾期），不得轉介或提供資料。",
            code="no_consent",
        )
    errors: dict[str, str] = {}
    method = _text(errors, "method", method, "轉介方式", 100)
    if sent_on > timezone.localdate():
        errors["sent_on"] = "轉介日期不可晚於今天。"
    if errors:
        raise ValidationError(errors)
    locked.status = ReferralStatus.SENT
    locked.sent_on = sent_on
    locked.sent_method = method
    locked.next_follow_up_on = sent_on + datetime.timedelta(days=14)
    locked.save(
        update_fields=["status", "sent_on", "sent_method", "next_follow_up_on", "updated_at"]
    )
    items = "、".join(labels_of(list(locked.data_items)))
    _note(locked, ReferralUpdateKind.SENT, sent_on, f"{method}；提供：{items}", actor)
    record_event(
        Event.REFERRAL_SENT,
        actor=actor,
        subject=locked,
        after=snapshot(locked, ["status", "sent_on", "sent_method", "data_items"]),
    )
    _activity(
        locked,
        actor=actor,
        indicators=["P3.3.3"],
        notes=f"轉介至{locked.resource.name}（{method}）",
    )
    return locked


@transaction.atomic
def record_reply(
    referral: Referral,
    *,
    actor: User,
    reply: str,
    replied_on: datetime.date,
    note: str,
    next_follow_up_on: datetime.date | None,
) -> Referral:
    """P3.3.3: the receiving unit's answer (受案, 不受案, 退回, 再轉, 其他)."""
    locked = _lock(referral, actor, "reply")
    errors: dict[str, str] = {}
    if reply not in ReplyKind.values:
        errors["reply"] = "請選擇受轉介單位的回覆。"
    if len(note) > 2000:
        errors["note"] = "回覆說明最多 2000 字。"
    if locked.sent_on and replied_on < locked.sent_on:
        errors["replied_on"] = "回覆日期不可早於轉介日期。"
    if replied_on > timezone.localdate():
        errors["replied_on"] = "回覆日期不可晚於今天。"
    if next_follow_up_on is not None and next_follow_up_on < replied_on:
        errors["next_follow_up_on"] = "下次追蹤日不可早於回覆日期。"
    if errors:
        raise ValidationError(errors)
    locked.status = ReferralStatus.ANSWERED
    locked.reply = reply
    locked.replied_on = replied_on
    locked.reply_note = note.strip()
    locked.next_follow_up_on = next_follow_up_on
    locked.save(
        update_fields=[
            "status",
            "reply",
            "replied_on",
            "reply_note",
            "next_follow_up_on",
            "updated_at",
        ]
    )
    _note(
        locked,
        ReferralUpdateKind.REPLY,
        replied_on,
        f"{locked.get_reply_display()}　{note.strip()}",
        actor,
    )
    record_event(
        Event.REFERRAL_REPLIED, actor=actor, subject=locked, after=snapshot(locked, ["reply"])
    )
    return locked


@transaction.atomic
def record_follow_up(
    referral: Referral,
    *,
    actor: User,
    note: str,
    next_follow_up_on: datetime.date | None,
) -> Referral:
    locked = _lock(referral, actor, "follow_up")
    errors: dict[str, str] = {}
    note = _text(errors, "note", note, "追蹤內容", 2000)
    if next_follow_up_on is not None and next_follow_up_on < timezone.localdate():
        errors["next_follow_up_on"] = "下次追蹤日不可早於今天。"
    if errors:
        raise ValidationError(errors)
    locked.next_follow_up_on = next_follow_up_on
    locked.save(update_fields=["next_follow_up_on", "updated_at"])
    _note(locked, ReferralUpdateKind.FOLLOW_UP, timezone.localdate(), note, actor)
    record_event(Event.REFERRAL_FOLLOWED_UP, actor=actor, subject=locked)
    _activity(locked, actor=actor, indicators=["P3.3.3"], notes=f"轉介追蹤：{note}")
    return locked


@transaction.atomic
def record_outcome(referral: Referral, *, actor: User, outcome: str, note: str) -> Referral:
    """P3.3.3: the referral ended — completed, or failed with the reason."""
    locked = _lock(referral, actor, "outcome")
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "請選擇轉介結果。"
    if outcome == Outcome.FAILED and not note.strip():
        errors["note"] = "轉介未成功時請說明原因。"
    if len(note) > 2000:
        errors["note"] = "結果說明最多 2000 字。"
    if errors:
        raise ValidationError(errors)
    locked.status = ReferralStatus.CLOSED
    locked.outcome = outcome
    locked.outcome_note = note.strip()
    locked.closed_on = timezone.localdate()
    locked.next_follow_up_on = None
    locked.save(
        update_fields=[
            "status",
            "outcome",
            "outcome_note",
            "closed_on",
            "next_follow_up_on",
            "updated_at",
        ]
    )
    _note(
        locked,
        ReferralUpdateKind.OUTCOME,
        timezone.localdate(),
        f"{locked.get_outcome_display()}　{note.strip()}",
        actor,
    )
    record_event(
        Event.REFERRAL_CLOSED, actor=actor, subject=locked, after=snapshot(locked, ["outcome"])
    )
    _activity(
        locked,
        actor=actor,
        indicators=["P3.3.3"],
        notes=f"轉介結果：{locked.get_outcome_display()}",
    )
    return locked


@transaction.atomic
def withdraw_referral_consent(referral: Referral, *, actor: User, reason: str) -> Referral:
    """The seeker withdraws the consent this referral relies on; ``privacy.withdraw_consent``
    runs the hook that stops the referral (``stop_for_withdrawn_consent``)."""
    locked = _lock(referral, actor, "withdraw")
    if locked.consent is None:
        raise ValidationError("此轉介尚無同意書可撤回。", code="no_consent")
    withdraw_consent(locked.consent, actor=actor, reason=reason)
    locked.refresh_from_db()
    return locked


def stop_for_withdrawn_consent(consent: Any, *, actor: User) -> int:
    """Hook ``privacy.consent_withdrawn`` (run inside ``privacy.withdraw_consent``): the
    referrals relying on ``consent`` stop. Registered in ``ReferralsConfig.ready()``."""
    stopped = 0
    for referral in (
        Referral.objects.select_for_update()
        .filter(consent=consent)
        .exclude(status__in=[ReferralStatus.CLOSED, ReferralStatus.STOPPED])
    ):
        referral.status = ReferralStatus.STOPPED
        referral.next_follow_up_on = None
        referral.save(update_fields=["status", "next_follow_up_on", "updated_at"])
        _note(
            referral,
            ReferralUpdateKind.STOPPED,
            timezone.localdate(),
            "求職者撤回轉介同意，已停止轉介並通知受轉介單位停止利用資料。",
            actor,
        )
        record_event(Event.REFERRAL_STOPPED, actor=actor, subject=referral)
        stopped += 1
    return stopped


def open_referral_warnings(case: Any) -> list[str]:
    """For a closure (hook ``cases.closure_warnings``): the case's referrals not yet ended."""
    referrals = list(
        Referral.objects.filter(case=case)
        .exclude(status__in=[ReferralStatus.CLOSED, ReferralStatus.STOPPED])
        .select_related("resource")
    )
    if not referrals:
        return []
    names = "、".join(f"{r.resource.name}（{r.get_status_display()}）" for r in referrals)
    return [f"尚有 {len(referrals)} 件轉介未結束：{names}。"]
