"""The consent ledger (PDPA Art. 7): record a signed consent with its proof; withdraw it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.common import hooks
from jobdesk.privacy.data_items import BY_CODE
from jobdesk.privacy.models import Consent, ConsentPurpose, SignatureMethod
from jobdesk.privacy.services.guards import require_change
from jobdesk.privacy.signatures import CheckedFile

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

MAX_VALID_DAYS = 366 * 3


@transaction.atomic
def record_consent(
    seeker: Any,
    *,
    actor: User,
    purpose: str,
    recipient: str,
    purpose_text: str,
    data_items: list[str],
    valid_until: datetime.date,
    wording_version: str,
    wording_text: str,
    method: str,
    signature: CheckedFile,
) -> Consent:
    """A consent signed now by ``seeker`` and witnessed by ``actor``; ``signature`` already
    checked by content (``jobdesk.privacy.signatures``)."""
    require_change(seeker, actor)
    errors: dict[str, str] = {}
    if purpose not in ConsentPurpose.values:
        errors["purpose"] = "請選擇同意目的。"
    if purpose == ConsentPurpose.REFERRAL and not recipient.strip():
        errors["recipient"] = "轉介同意須載明資料接收單位。"
    if not purpose_text.strip():
        errors["purpose_text"] = "請說明特定目的。"
    unknown = [c for c in data_items if c not in BY_CODE]
    if unknown or not data_items:
        errors["data_items"] = "請勾選同意提供的資料項目。"
    today = timezone.localdate()
    if valid_until < today or valid_until > today + datetime.timedelta(days=MAX_VALID_DAYS):
        errors["valid_until"] = "有效期限須在今天之後、三年以內。"
    if method not in SignatureMethod.values:
        errors["method"] = "簽署方式不正確。"
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        seeker=seeker,
        office=seeker.office,
        purpose=purpose,
        recipient=recipient.strip(),
        purpose_text=purpose_text.strip(),
        data_items=[c for c in BY_CODE if c in set(data_items)],
        wording_version=wording_version,
        wording_text=wording_text,
        valid_until=valid_until,
        method=method,
        signature_sha256=signature.sha256,
        signature_content_type=signature.content_type,
        signed_at=timezone.now(),
        witnessed_by=actor,
    )
    # Encrypted with the field keys and named by the consent's public id only
    # (``<public_id>.sig``): the name carries no personal data and not the file's type.
    consent.signature.save(str(consent.public_id), ContentFile(signature.content), save=False)
    try:
        consent.save()
        record_event(
            Event.PRIVACY_CONSENT_RECORDED,
            actor=actor,
            subject=consent,
            after=snapshot(
                consent,
                ["purpose", "recipient", "data_items", "wording_version", "valid_until", "method"],
            )
            | {"signature_sha256": signature.sha256},
        )
    except BaseException:
        # This function's transaction rolls back: its file goes too. A rollback of an enclosing
        # transaction after we return leaves an unreferenced file: ``remove_orphaned_files``.
        consent.signature.storage.delete(consent.signature.name)
        raise
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor: User, reason: str = "") -> Consent:
    """The person withdraws ``consent``; referrals that rely on it stop."""
    require_change(consent, actor)
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError("此同意書已撤回。", code="already_withdrawn")
    if len(reason) > 500:
        raise ValidationError({"reason": "撤回說明最多 500 字。"})
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.withdrawal_reason = reason.strip()
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    record_event(
        Event.PRIVACY_CONSENT_WITHDRAWN,
        actor=actor,
        subject=locked,
        after=snapshot(locked, ["withdrawn_at", "withdrawal_reason"]),
    )
    hooks.run(hooks.CONSENT_WITHDRAWN, locked, actor=actor)  # referrals relying on it stop
    consent.withdrawn_at = locked.withdrawn_at
    consent.withdrawn_by = actor
    consent.withdrawal_reason = locked.withdrawal_reason
    return locked


def valid_consents(seeker: Any, purpose: str | None = None) -> QuerySet[Consent]:
    qs = Consent.objects.filter(
        seeker=seeker, withdrawn_at__isnull=True, valid_until__gte=timezone.localdate()
    )
    return qs.filter(purpose=purpose) if purpose else qs
