"""Data-subject requests (PDPA Art. 3, 10, 11, 13): received, extended once, completed."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.privacy.models import (
    DEADLINE_DAYS,
    DataSubjectRequest,
    ProcessingRestriction,
    RequestKind,
    RequestStatus,
)
from jobdesk.privacy.services.guards import require_change
from jobdesk.privacy.transitions import DSR

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

# What a correction may change on the seeker's registration (the rest through the case screens).
CORRECTABLE_FIELDS = ("name", "phone", "email", "address")


def deadline_for(kind: str, received_on: datetime.date) -> datetime.date:
    return received_on + datetime.timedelta(days=DEADLINE_DAYS[RequestKind(kind)])


@transaction.atomic
def open_request(
    seeker: Any, *, actor: User, kind: str, details: str, received_on: datetime.date
) -> DataSubjectRequest:
    require_change(seeker, actor)
    errors: dict[str, str] = {}
    if kind not in RequestKind.values:
        errors["kind"] = "請選擇請求類別。"
    if received_on > timezone.localdate():
        errors["received_on"] = "收件日不可晚於今天。"
    if len(details) > 2000:
        errors["details"] = "請求內容最多 2000 字。"
    if errors:
        raise ValidationError(errors)
    request: DataSubjectRequest = DataSubjectRequest.objects.create(
        seeker=seeker,
        office=seeker.office,
        subject_reference=seeker.national_id_masked or str(seeker.public_id)[:8],
        kind=kind,
        details=details.strip(),
        received_on=received_on,
        due_on=deadline_for(kind, received_on),
        received_by=actor,
    )
    record_event(
        Event.PRIVACY_REQUEST_RECEIVED,
        actor=actor,
        subject=request,
        after=snapshot(request, ["kind", "received_on", "due_on"]),
    )
    return request


def _open(request: DataSubjectRequest, action: str) -> DataSubjectRequest:
    """Lock the row, then check ``action`` against the table (jobdesk/privacy/transitions.py)."""
    locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    DSR.require(locked.status, action)
    return locked


@transaction.atomic
def extend_request(request: DataSubjectRequest, *, actor: User, reason: str) -> DataSubjectRequest:
    """Extend the deadline once, by the same period, with a reason (Art. 13)."""
    require_change(request, actor)
    locked = _open(request, "extend")
    if locked.extended:
        raise ValidationError("法定期限只能延長一次。", code="already_extended")
    reason = reason.strip()
    if not reason or len(reason) > 500:
        raise ValidationError({"reason": "請說明延長理由（500 字以內），並書面通知當事人。"})
    before = snapshot(locked, ["due_on"])
    locked.due_on = locked.due_on + datetime.timedelta(days=DEADLINE_DAYS[RequestKind(locked.kind)])
    locked.extended = True
    locked.extension_reason = reason
    locked.save(update_fields=["due_on", "extended", "extension_reason", "updated_at"])
    record_event(
        Event.PRIVACY_REQUEST_EXTENDED,
        actor=actor,
        subject=locked,
        before=before,
        after=snapshot(locked, ["due_on", "extension_reason"]),
    )
    return locked


@transaction.atomic
def complete_request(
    request: DataSubjectRequest, *, actor: User, outcome: str, refused: bool = False
) -> DataSubjectRequest:
    """Close the request with its outcome. A completed deletion erases the person's data; a
    completed stop starts a processing restriction."""
    require_change(request, actor)
    locked = _open(request, "complete")
    outcome = outcome.strip()
    if not outcome or len(outcome) > 2000:
        raise ValidationError({"outcome": "請填寫處理結果（2000 字以內）。"})
    seeker = locked.seeker
    if not refused and seeker is not None:
        if locked.kind == RequestKind.DELETE:
            from jobdesk.privacy.services.erasure import anonymise_seeker

            anonymise_seeker(seeker, actor=actor, reason="當事人請求刪除")
        elif locked.kind == RequestKind.STOP:
            ProcessingRestriction.objects.create(
                seeker=seeker,
                office=seeker.office,
                request=locked,
                reason=outcome[:500],
                started_at=timezone.now(),
            )
            # The seeker's row changes too, so every process's matching index drops them at
            # its next staleness check (jobdesk.matching.index_service).
            seeker.save(update_fields=["updated_at"])
    locked.status = RequestStatus.REFUSED if refused else RequestStatus.DONE
    locked.outcome = outcome
    locked.closed_by = actor
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "outcome", "closed_by", "closed_at", "updated_at"])
    record_event(
        Event.PRIVACY_REQUEST_CLOSED,
        actor=actor,
        subject=locked,
        after=snapshot(locked, ["status", "closed_at"]),
    )
    return locked


@transaction.atomic
def apply_correction(
    request: DataSubjectRequest,
    *,
    actor: User,
    expected_version: int,
    changes: Mapping[str, str],
) -> Any:
    """A correction request (Art. 11 ¶1): change the seeker's registration, versioned."""
    from jobdesk.cases.services import update_seeker

    require_change(request, actor)
    locked = _open(request, "correct")
    if locked.kind != RequestKind.CORRECT or locked.seeker is None:
        raise ValidationError("只有「請求補充或更正」可直接更正資料。")
    data = {k: v.strip() for k, v in changes.items() if k in CORRECTABLE_FIELDS}
    if not data:
        raise ValidationError("沒有要更正的欄位。")
    seeker = update_seeker(locked.seeker, actor=actor, expected_version=expected_version, data=data)
    record_event(
        Event.PRIVACY_REQUEST_CORRECTION_APPLIED,
        actor=actor,
        subject=locked,
        after={"fields": sorted(data)},
    )
    return seeker


def is_processing_stopped(seeker: Any) -> bool:
    """True while a stop of processing is in force: matching and contact lists skip the person."""
    return ProcessingRestriction.objects.filter(seeker=seeker, ended_at__isnull=True).exists()
