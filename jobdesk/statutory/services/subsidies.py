"""就業促進津貼 applications: submit (checks computed from the rules of the application date),
documents received, decision by a supervisor (approval only when every check and document holds)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.roles import CASE_CHANGE_ROLES
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.models import Case
from jobdesk.cases.transitions import CASE
from jobdesk.common.transitions import role_of
from jobdesk.common.versioning import lock_current, save_versioned
from jobdesk.statutory.eligibility import checks_for, required_documents
from jobdesk.statutory.models import SubsidyApplication, SubsidyKind, SubsidyStatus
from jobdesk.statutory.services.common import require_change
from jobdesk.statutory.transitions import SUBSIDY

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

_FIELDS = ["kind", "status", "applied_on", "amount_requested", "amount_approved", "recommendation"]


@transaction.atomic
def apply_for_subsidy(
    case: Case,
    *,
    actor: User,
    kind: str,
    applied_on: datetime.date,
    amount_requested: int,
    recommendation: Any = None,
    special_reason: str = "",
    work_unit: str = "",
    hours_per_month: int | None = None,
    months: int | None = None,
    start_on: datetime.date | None = None,
    course_name: str = "",
    course_hours_per_month: int | None = None,
) -> SubsidyApplication:
    if getattr(actor, "role", None) not in CASE_CHANGE_ROLES:
        raise PermissionDenied("津貼申請限就業服務員或督導受理。")
    require_change(case, actor, "您沒有權限處理這個個案。")
    CASE.require(case.status, "subsidy", role_of(actor))
    errors: dict[str, str] = {}
    if kind not in SubsidyKind.values:
        raise ValidationError({"kind": "請選擇津貼類別。"})
    if applied_on > timezone.localdate():
        errors["applied_on"] = "申請日不可晚於今天。"
    if not 1 <= amount_requested <= 1_000_000:
        errors["amount_requested"] = "申請金額不正確。"
    if kind == SubsidyKind.TRANSPORT:
        if recommendation is None or recommendation.seeker_id != case.seeker_id:
            errors["recommendation"] = "請選擇開立介紹卡之推介。"
    elif kind == SubsidyKind.TEMP_WORK:
        if not work_unit.strip():
            errors["work_unit"] = "請填寫用人單位。"
        if not hours_per_month:
            errors["hours_per_month"] = "請填寫每月工作時數。"
        if not months:
            errors["months"] = "請填寫申請月數。"
    else:
        if not course_name.strip():
            errors["course_name"] = "請填寫訓練課程。"
        if not course_hours_per_month:
            errors["course_hours_per_month"] = "請填寫每月訓練時數。"
        if not months:
            errors["months"] = "請填寫申請月數。"
    if len(special_reason) > 2000:
        errors["special_reason"] = "說明最多 2000 字。"
    if errors:
        raise ValidationError(errors)
    app = SubsidyApplication(
        office=case.office,
        kind=kind,
        case=case,
        seeker=case.seeker,
        recommendation=recommendation if kind == SubsidyKind.TRANSPORT else None,
        applied_on=applied_on,
        amount_requested=amount_requested,
        special_reason=special_reason.strip(),
        work_unit=work_unit.strip()[:120],
        hours_per_month=hours_per_month,
        months=months,
        start_on=start_on,
        course_name=course_name.strip()[:120],
        course_hours_per_month=course_hours_per_month,
        created_by=actor,
    )
    app.checks = [c.as_dict() for c in checks_for(app)]
    app.save()
    record_event(
        Event.STATUTORY_SUBSIDY_APPLIED, actor=actor, subject=app, after=snapshot(app, _FIELDS)
    )
    return app


@transaction.atomic
def record_documents(
    app: SubsidyApplication, *, actor: User, expected_version: int, documents: list[str]
) -> SubsidyApplication:
    require_change(app, actor)
    locked = lock_current(app, expected_version)
    SUBSIDY.require(locked.status, "documents")
    known = [d["code"] for d in required_documents(locked.kind, locked.applied_on)]
    if any(code not in known for code in documents):
        raise ValidationError({"documents": "文件項目不正確。"})
    locked.documents = [c for c in known if c in set(documents)]
    save_versioned(locked, expected_version, ["documents"])
    record_event(
        Event.STATUTORY_SUBSIDY_DOCUMENTS,
        actor=actor,
        subject=locked,
        after={"documents": locked.documents},
    )
    return locked


@transaction.atomic
def decide_subsidy(
    app: SubsidyApplication,
    *,
    actor: User,
    expected_version: int,
    approve: bool,
    amount_approved: int | None,
    note: str,
) -> SubsidyApplication:
    """A supervisor decides; the checks are run again on the application date's rules."""
    SUBSIDY.require(app.status, "decide", role_of(actor))
    require_change(app, actor)
    locked = lock_current(app, expected_version)
    SUBSIDY.require(locked.status, "decide", role_of(actor))
    checks = checks_for(locked)
    locked.checks = [c.as_dict() for c in checks]
    note = note.strip()
    if approve:
        failed = [c.label for c in checks if not c.ok]
        needed = [d["label"] for d in required_documents(locked.kind, locked.applied_on)]
        have = {d["code"] for d in required_documents(locked.kind, locked.applied_on)} & set(
            locked.documents
        )
        missing = [
            d["label"]
            for d in required_documents(locked.kind, locked.applied_on)
            if d["code"] not in have
        ]
        if failed:
            raise ValidationError("資格不符，不能核准：" + "、".join(failed), code="ineligible")
        if missing and needed:
            raise ValidationError("文件未齊備：" + "、".join(missing), code="documents")
        if amount_approved is None or not 0 < amount_approved <= locked.amount_requested:
            raise ValidationError({"amount_approved": "核定金額須大於 0 且不超過申請金額。"})
        locked.status, locked.amount_approved = SubsidyStatus.APPROVED, amount_approved
    else:
        if not note:
            raise ValidationError({"note": "不予核准時請記載理由。"})
        locked.status, locked.amount_approved = SubsidyStatus.REJECTED, None
    locked.decided_by, locked.decided_at, locked.decision_note = actor, timezone.now(), note[:2000]
    save_versioned(
        locked,
        expected_version,
        ["status", "amount_approved", "checks", "decided_by", "decided_at", "decision_note"],
    )
    record_event(
        Event.STATUTORY_SUBSIDY_DECIDED,
        actor=actor,
        subject=locked,
        after=snapshot(locked, _FIELDS),
    )
    return locked
