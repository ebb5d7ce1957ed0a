"""特定對象 (就業服務法 §24): recorded with proof and consent, withdrawn by the seeker."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.roles import CASE_CHANGE_ROLES
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.statutory.models import CONSENT_PURPOSE, TargetGroupRecord
from jobdesk.statutory.services.common import require_change
from jobdesk.taxonomy.models import TargetGroup

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


@transaction.atomic
def record_target_group(
    seeker: Any,
    *,
    actor: User,
    group_code: str,
    proof: str,
    verified_on: datetime.date,
    valid_until: datetime.date | None,
    consent: bool,
) -> TargetGroupRecord:
    if getattr(actor, "role", None) not in CASE_CHANGE_ROLES:
        raise PermissionDenied("特定對象身分限就業服務員或督導登錄。")
    require_change(seeker, actor, "您沒有權限處理這位求職者。")
    errors: dict[str, str] = {}
    if not TargetGroup.objects.filter(code=group_code).exists():
        errors["group_code"] = "請選擇特定對象身分。"
    proof = proof.strip()
    if not proof:
        errors["proof"] = "請記載查驗之證明文件（名稱、字號）。"
    elif len(proof) > 500:
        errors["proof"] = "證明文件說明最多 500 字。"
    if verified_on > timezone.localdate():
        errors["verified_on"] = "查驗日不可晚於今天。"
    if valid_until is not None and valid_until < verified_on:
        errors["valid_until"] = "有效期限不可早於查驗日。"
    if not consent:
        errors["consent"] = "須經求職者同意蒐集並利用特定對象身分（個資法第6條、第7條）。"
    if errors:
        raise ValidationError(errors)
    record: TargetGroupRecord = TargetGroupRecord.objects.create(
        office=seeker.office,
        seeker=seeker,
        group_encrypted=group_code,
        proof_encrypted=proof,
        verified_on=verified_on,
        valid_until=valid_until,
        verified_by=actor,
        consent_text=CONSENT_PURPOSE,
        consent_at=timezone.now(),
    )
    # The change log names the event, never the group (sensitive data stays encrypted).
    record_event(Event.STATUTORY_TARGET_GROUP_RECORDED, actor=actor, subject=record)
    return record


@transaction.atomic
def withdraw_target_group(record: TargetGroupRecord, *, actor: User) -> TargetGroupRecord:
    """The seeker withdrew consent: the record no longer counts for eligibility."""
    require_change(record, actor)
    locked = TargetGroupRecord.objects.select_for_update().get(pk=record.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError("此筆身分已撤回。")
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["withdrawn_at", "updated_at"])
    record_event(Event.STATUTORY_TARGET_GROUP_WITHDRAWN, actor=actor, subject=locked)
    return locked
