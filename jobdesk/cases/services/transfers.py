"""Moving a case to another office (移轉個案), in two steps: asked by the sending supervisor,
accepted (with the counsellor named) or declined by the receiving office's supervisor.

On acceptance the case and its job seeker belong to the receiving office, and so does the work
still open in the case (the plan and its unfinished steps, the follow-ups not yet made, an
assessment not yet signed) so that the new counsellor can carry it on. Finished records (service
records, signed assessments, reviews, placements, follow-ups made, closure records) stay at the
office where the work was done: the reports count them there (docs/reports.md, "Attribution").
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.models import Office, OfficeKind, User
from jobdesk.accounts.roles import Role
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.cases.due import refresh_next_due
from jobdesk.cases.models import (
    Case,
    CaseTransfer,
    EmploymentPlan,
    FollowUp,
    NeedsAssessment,
    PlanStep,
    PlanStepStatus,
    TransferStatus,
)
from jobdesk.cases.services.guards import require_action, require_change
from jobdesk.cases.transitions import CASE, TRANSFER
from jobdesk.common.scoping import is_within
from jobdesk.common.transitions import role_of
from jobdesk.common.versioning import lock_current, save_versioned


def transfer_targets(case: Case) -> Any:
    """The offices a case may be moved to: every centre and desk outside the case's own office."""
    return (
        Office.objects.filter(kind__in=[OfficeKind.CENTRE, OfficeKind.DESK])
        .exclude(pk=case.office_id)
        .order_by("code")
    )


def pending_transfer(case: Case) -> CaseTransfer | None:
    return (
        CaseTransfer.objects.filter(case=case, status=TransferStatus.PENDING)
        .select_related("office")
        .first()
    )


@transaction.atomic
def request_transfer(
    case: Case, *, actor: User, to_office: Office, reason: str, expected_version: int
) -> CaseTransfer:
    require_action(case, "transfer", actor)
    require_change(case, actor)
    case = lock_current(case, expected_version)
    require_action(case, "transfer", actor)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "請填寫移轉原因（例如求職者遷居）。"
    if to_office.kind not in (OfficeKind.CENTRE, OfficeKind.DESK):
        errors["to_office"] = "請選擇就業中心或就業服務台（分署不直接承接個案）。"
    elif to_office.pk == case.office_id:
        errors["to_office"] = "個案已在這個據點。"
    if errors:
        raise ValidationError(errors)
    if pending_transfer(case) is not None:
        raise ValidationError("此個案已有待接收的移轉申請，請等候對方處理或先撤回。")
    transfer = CaseTransfer.objects.create(
        case=case,
        office=to_office,
        from_office_id=case.office_id,
        reason=reason,
        requested_by=actor,
    )
    record_event(
        Event.CASE_TRANSFER_REQUESTED,
        actor=actor,
        subject=case,
        after={"to_office": to_office.code, "reason": reason},
        label=str(case.seeker.name),
    )
    return transfer


def _pending(transfer: CaseTransfer, name: str, actor: User) -> CaseTransfer:
    role = role_of(actor)
    TRANSFER.require(transfer.status, name, role)
    fresh = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
    TRANSFER.require(fresh.status, name, role)
    return fresh


@transaction.atomic
def accept_transfer(transfer: CaseTransfer, *, actor: User, counsellor: User) -> Case:
    """The receiving supervisor takes the case in and names its counsellor."""
    require_change(transfer, actor)  # a supervisor of the receiving office
    transfer = _pending(transfer, "decide", actor)
    if counsellor.role != Role.COUNSELLOR or not counsellor.is_active:
        raise ValidationError({"counsellor": "只能指派給在職的就業服務員。"})
    if not is_within(counsellor.office, transfer.office):
        raise ValidationError({"counsellor": "承辦人須屬於接收的據點。"})
    case = lock_current(transfer.case)
    if not CASE.allows(case.status, "transfer", role_of(actor)):
        raise ValidationError("個案已申請結案或已結案，無法接收；請通知移出據點撤回。")
    before = {"office": case.office.code, "counsellor": case.counsellor.username}
    to = transfer.office
    case.office, case.counsellor = to, counsellor
    save_versioned(case, case.version, ["office", "counsellor"])
    seeker = lock_current(case.seeker)
    seeker.office = to
    save_versioned(seeker, seeker.version, ["office"])
    # the work still open goes with the case; finished records stay where they were done
    EmploymentPlan.objects.filter(case=case).update(office=to)
    PlanStep.objects.filter(plan__case=case).exclude(status=PlanStepStatus.DONE).update(office=to)
    FollowUp.objects.filter(case=case, done_on__isnull=True).update(office=to)
    NeedsAssessment.objects.filter(case=case, signed_at__isnull=True).update(office=to)
    refresh_next_due(case)
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.counsellor = counsellor
    save_versioned(transfer, transfer.version, ["status", "decided_by", "decided_at", "counsellor"])
    record_event(
        Event.CASE_TRANSFERRED,
        actor=actor,
        subject=case,
        before=before,
        after={"office": to.code, "counsellor": counsellor.username},
        label=str(case.seeker.name),
    )
    return case


@transaction.atomic
def decline_transfer(transfer: CaseTransfer, *, actor: User, note: str) -> CaseTransfer:
    require_change(transfer, actor)
    transfer = _pending(transfer, "decide", actor)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "請說明不予接收的原因，移出據點會看到。"})
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.decision_note = note
    save_versioned(
        transfer, transfer.version, ["status", "decided_by", "decided_at", "decision_note"]
    )
    record_event(
        Event.CASE_TRANSFER_DECLINED,
        actor=actor,
        subject=transfer.case,
        after={"to_office": transfer.office.code, "note": note},
        label=str(transfer.case.seeker.name),
    )
    return transfer


@transaction.atomic
def cancel_transfer(transfer: CaseTransfer, *, actor: User) -> CaseTransfer:
    """The sending supervisor withdraws a request not yet decided."""
    require_change(transfer.case, actor)  # a supervisor of the sending office
    transfer = _pending(transfer, "cancel", actor)
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    save_versioned(transfer, transfer.version, ["status", "decided_by", "decided_at"])
    record_event(
        Event.CASE_TRANSFER_CANCELLED,
        actor=actor,
        subject=transfer.case,
        after={"to_office": transfer.office.code},
        label=str(transfer.case.seeker.name),
    )
    return transfer
