"""Notice at collection (PDPA Art. 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.privacy.models import NoticeMethod, NoticeRecord
from jobdesk.privacy.services.guards import require_change
from jobdesk.privacy.wording import NOTICE_VERSION

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


@transaction.atomic
def record_notice_given(seeker: Any, *, actor: User, method: str) -> NoticeRecord:
    """Record that the Art. 8 notice (current version) was given to ``seeker`` now."""
    require_change(seeker, actor)
    if method not in NoticeMethod.values:
        raise ValidationError({"method": "請選擇告知方式。"})
    notice: NoticeRecord = NoticeRecord.objects.create(
        seeker=seeker,
        office=seeker.office,
        notice_version=NOTICE_VERSION,
        method=method,
        given_at=timezone.now(),
        given_by=actor,
    )
    record_event(
        Event.PRIVACY_NOTICE_GIVEN,
        actor=actor,
        subject=notice,
        after=snapshot(notice, ["notice_version", "method", "given_at"]),
    )
    return notice
