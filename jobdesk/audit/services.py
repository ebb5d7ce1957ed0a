"""Writing the change log and the access log. Service functions call these; nothing else does."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.db import models

from jobdesk.audit.events import check_event_type
from jobdesk.audit.models import AccessAction, AccessEvent, AuditEvent
from jobdesk.common.actors import Actor
from jobdesk.common.request_context import client_ip

# Field names whose values never go into the change log, even encrypted (PDPA Art. 6, 27).
REDACTED_FIELDS = frozenset({"password", "national_id", "national_id_encrypted", "totp_secret"})


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(getattr(value, "public_id", None) or value.pk)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of ``fields`` (default: all concrete fields), safe to put in the change log."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    out: dict[str, Any] = {}
    for name in names:
        if name in REDACTED_FIELDS or name.endswith("_encrypted") or name.endswith("_hash"):
            out[name] = "［已遮蔽］"
            continue
        field = obj._meta.get_field(name)
        value = getattr(obj, getattr(field, "attname", name))
        out[name] = _jsonable(value)
    return out


def subject_of(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(getattr(obj, "public_id", None) or obj.pk)


def record_event(
    event_type: str,
    *,
    actor: Actor | None,
    subject: models.Model,
    office: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    label: str = "",
) -> AuditEvent:
    """Write one change-log row. Call inside the transaction of the change it records.

    ``event_type`` must be registered in jobdesk/audit/events.py (``UnknownEventType`` else, in
    development and tests)."""
    check_event_type(event_type)
    subject_type, subject_id = subject_of(subject)
    if office is None:
        office = getattr(subject, "office", None)
    return AuditEvent.objects.create(
        # the FK is to accounts' User, which this layer may not import: an Actor is one
        actor=cast(Any, actor) if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "system",
        office=office,
        event_type=event_type,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=(label or str(subject))[:200],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        ip_address=client_ip.get(),
    )


def _access_event(
    actor: Actor,
    subject: models.Model,
    office: Any,
    action: str,
    what: str,
    reason: str = "",
    outside_caseload: bool = False,
) -> AccessEvent:
    """An unsaved access-log row (office ``None``: the subject's own)."""
    subject_type, subject_id = subject_of(subject)
    return AccessEvent(
        actor=cast(Any, actor),  # an Actor is accounts' User (the FK's model)
        actor_label=actor.username,
        office_id=office.pk if office is not None else getattr(subject, "office_id", None),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        what=what[:200],
        reason=reason[:500],
        outside_caseload=outside_caseload,
        ip_address=client_ip.get(),
    )


def record_access(
    *,
    actor: Actor,
    subject: models.Model,
    office: Any = None,
    action: str = AccessAction.VIEW,
    what: str = "",
    reason: str = "",
    outside_caseload: bool = False,
) -> AccessEvent:
    """Write one access-log row for a read, print or export of personal data."""
    event = _access_event(actor, subject, office, action, what, reason, outside_caseload)
    event.save(force_insert=True)
    return event


def record_list_reads(actor: Actor, seekers: Iterable[models.Model], what: str) -> None:
    """A page that lists job seekers (by name) logs one view per seeker shown, in one INSERT.

    Pass only the rows of the page shown (a page of a paginated list), never the whole query.
    """
    record_accesses(actor=actor, subjects=((s, None) for s in seekers), what=what)


def record_accesses(
    *,
    actor: Actor,
    subjects: Iterable[tuple[models.Model, Any]],
    action: str = AccessAction.VIEW,
    what: str = "",
) -> list[AccessEvent]:
    """``record_access`` for every record a list or search shows, in one INSERT: ``subjects``
    are (record, office) pairs, office ``None`` for the record's own."""
    rows = [_access_event(actor, subject, office, action, what) for subject, office in subjects]
    return AccessEvent.objects.bulk_create(rows) if rows else []
