"""Closing a case (T3.4, O3.4.1): request, supervisor approval or rejection, reopening."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.cases.models import (
    Case,
    CaseStatus,
    ClosureReason,
    ClosureRecord,
    ClosureStatus,
    EmploymentPlan,
)
from jobdesk.cases.services.casework import move_case
from jobdesk.cases.services.guards import (
    require_action,
    require_change,
)
from jobdesk.cases.transitions import CASE, CLOSURE
from jobdesk.common import hooks
from jobdesk.common.forms import needs_confirmation
from jobdesk.common.transitions import role_of

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

S = CaseStatus


def closure_blockers(case: Case) -> list[str]:
    """What a case still lacks before it may be closed (the records O3.4.1 closes)."""
    missing = []
    if not case.assessments.filter(signed_at__isnull=False).exists():
        missing.append("已簽核的就業服務需求表（O1.2.1）")
    if not EmploymentPlan.objects.filter(case=case).exists():
        missing.append("就業計畫（T2.1）")
    return missing


def closure_warnings(case: Case) -> list[str]:
    """What is still open on a case that may be closed all the same, once the counsellor says
    she knows: referrals to other agencies not yet ended, follow-ups not yet done."""
    # referrals hang off cases: they say what of theirs is still open through a hook
    warnings = [w for found in hooks.run(hooks.CLOSURE_WARNINGS, case) for w in found]
    pending = case.follow_ups.filter(done_on__isnull=True).count()
    if pending:
        warnings.append(f"尚有 {pending} 次就業追蹤未完成。")
    return warnings


@transaction.atomic
def request_closure(
    case: Case,
    *,
    actor: User,
    reason: str,
    outcome: str,
    improvement_strategy: str,
    expected_version: int | None = None,
    confirmed: bool = False,
) -> ClosureRecord:
    """O3.4.1 結案紀錄, sent to the supervisor for approval. Open referrals or follow-ups do not
    block it, but the counsellor must confirm she knows (``confirmed``); the audit row says so."""
    require_change(case, actor)
    require_action(case, "request_closure", actor)
    errors: dict[str, str] = {}
    if reason not in ClosureReason.values:
        errors["reason"] = "請選擇結案原因。"
    if not outcome.strip():
        errors["outcome"] = "請填寫服務成效。"
    if not improvement_strategy.strip():
        errors["improvement_strategy"] = "請填寫改善策略（P3.4.1）。"
    if errors:
        raise ValidationError(errors)
    missing = closure_blockers(case)
    if missing:
        raise ValidationError("結案前須完成：" + "、".join(missing) + "。", code="missing_records")
    warnings = closure_warnings(case)
    if warnings and not confirmed:
        raise needs_confirmation([*warnings, "確定仍要申請結案，請勾選確認後再送出。"])
    closure: ClosureRecord = ClosureRecord.objects.create(
        case=case,
        office=case.office,
        recorded_by=actor,
        reason=reason,
        outcome=outcome.strip(),
        improvement_strategy=improvement_strategy.strip(),
        previous_status=case.status,
    )
    move_case(
        case,
        S.CLOSURE_REQUESTED,
        actor=actor,
        event=Event.CASE_CLOSURE_REQUESTED,
        expected_version=expected_version,
        after={"reason": reason} | ({"acknowledged": warnings} if warnings else {}),
    )
    return closure


DECISION_FIELDS = ["status", "decided_by", "decided_at", "decision_comment", "updated_at"]


def _pending_closure(closure: ClosureRecord, actor: User) -> ClosureRecord:
    role = role_of(actor)
    CLOSURE.require(closure.status, "decide", role)
    require_change(closure, actor)
    closure = ClosureRecord.objects.select_for_update().get(pk=closure.pk)
    CLOSURE.require(closure.status, "decide", role)
    if not CASE.allows(closure.case.status, "decide_closure", role):
        raise ValidationError(CLOSURE.refused or "", code=CLOSURE.code)
    return closure


@transaction.atomic
def approve_closure(closure: ClosureRecord, *, actor: User, comment: str = "") -> Case:
    """The supervisor approves: the case is closed."""
    closure = _pending_closure(closure, actor)
    case = closure.case
    closure.status = ClosureStatus.APPROVED
    closure.decided_by = actor
    closure.decided_at = timezone.now()
    closure.decision_comment = comment.strip()
    closure.save(
        update_fields=["status", "decided_by", "decided_at", "decision_comment", "updated_at"]
    )
    case.closed_at = closure.decided_at
    move_case(
        case,
        S.CLOSED,
        actor=actor,
        event=Event.CASE_CLOSED,
        expected_version=None,
        fields=["closed_at"],
    )
    return case


@transaction.atomic
def reject_closure(closure: ClosureRecord, *, actor: User, comment: str) -> Case:
    """The supervisor sends the closure back, with a reason; the case returns to its state."""
    if not comment.strip():
        raise ValidationError({"comment": "退回時請說明原因。"})
    closure = _pending_closure(closure, actor)
    case = closure.case
    closure.status = ClosureStatus.REJECTED
    closure.decided_by = actor
    closure.decided_at = timezone.now()
    closure.decision_comment = comment.strip()
    closure.save(
        update_fields=["status", "decided_by", "decided_at", "decision_comment", "updated_at"]
    )
    move_case(
        case,
        closure.previous_status,
        actor=actor,
        event=Event.CASE_CLOSURE_REJECTED,
        expected_version=None,
        after={"comment": comment.strip()},
    )
    return case


@transaction.atomic
def reopen_case(
    case: Case, *, actor: User, reason: str, expected_version: int | None = None
) -> Case:
    """A closed case reopens (with a reason) where it left off: job search if it had a plan."""
    require_change(case, actor)
    require_action(case, "reopen", actor)
    if not reason.strip():
        raise ValidationError({"reason": "請說明重新開案的原因。"})
    if (
        Case.objects.filter(seeker=case.seeker)
        .exclude(pk=case.pk)
        .exclude(status=S.CLOSED)
        .exists()
    ):
        raise ValidationError("此求職者已有其他進行中的個案。")
    closure = case.closures.filter(status=ClosureStatus.APPROVED).first()
    if closure is not None:
        closure.reopened_at = timezone.now()
        closure.reopen_reason = reason.strip()
        closure.save(update_fields=["reopened_at", "reopen_reason", "updated_at"])
    has_plan = EmploymentPlan.objects.filter(case=case).exists()
    case.closed_at = None
    move_case(
        case,
        S.ACTIVE if has_plan else S.OPEN,
        actor=actor,
        event=Event.CASE_REOPENED,
        expected_version=expected_version,
        fields=["closed_at"],
        after={"reason": reason.strip()},
    )
    return case
