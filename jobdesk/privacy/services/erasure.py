"""Erasure and anonymisation (PDPA Art. 11), retention purges and legal holds.

``anonymise_seeker`` removes everything that identifies a job seeker: the seeker row keeps only
what statistics need (office, township, education, target groups, dates of the cases); rows that
belong to them (found generically, ``graph.related_rows``) lose their encrypted values and files;
and the text and JSON columns of those rows and of every log row about them (change log, access
log) are scrubbed of the person's name, ID, phone, e-mail and address. The audit trail keeps
*that* something happened.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Q
from django.db.models.functions import Cast
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.common.crypto import EncryptedTextField
from jobdesk.privacy.models import LegalHold, RetentionAction, RetentionPolicy, RetentionRun
from jobdesk.privacy.services.graph import related_rows
from jobdesk.privacy.services.guards import require_change

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

ANONYMISED_NAME = "（已匿名化）"
ANONYMISED_HASH_PREFIX = "anonymised:"
REDACTED = "［已刪除］"
# Columns of the seeker row kept for statistics; every other free-text column is emptied.
SEEKER_KEEP = {"id_kind", "pay_basis", "national_id_hash", "name"}


@dataclass
class ErasureResult:
    rows_changed: int = 0
    files_deleted: int = 0


def identifying_values(seeker: Any) -> list[str]:
    values = [
        seeker.name,
        seeker.national_id_encrypted,
        seeker.phone,
        seeker.email,
        seeker.address,
    ]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True)


def _scrub_text(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def _scrub_json(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        return _scrub_text(value, secrets)
    if isinstance(value, list):
        return [_scrub_json(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_json(v, secrets) for k, v in value.items()}
    return value


def _text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, EncryptedTextField)
    ]


def _json_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]


def _scrub_queryset(manager: Any, base: Any, model: type[models.Model], secrets: list[str]) -> int:
    """Replace ``secrets`` in the text and JSON columns of the rows of ``base``."""
    changed = 0
    for field in _text_fields(model):
        query = Q()
        for secret in secrets:
            query |= Q(**{f"{field.attname}__contains": secret})
        for pk, value in base.filter(query).values_list("pk", field.attname):
            manager.filter(pk=pk).update(**{field.attname: _scrub_text(value, secrets)})
            changed += 1
    for field in _json_fields(model):
        # JSON is stored with \u escapes on SQLite and as characters on PostgreSQL.
        query = Q()
        for secret in secrets:
            escaped = json.dumps(secret)[1:-1]
            query |= Q(_json_text__contains=secret) | Q(_json_text__contains=escaped)
        rows = base.annotate(_json_text=Cast(field.attname, models.TextField())).filter(query)
        for pk, value in rows.values_list("pk", field.attname):
            manager.filter(pk=pk).update(**{field.attname: _scrub_json(value, secrets)})
            changed += 1
    return changed


def scrub_rows_and_logs(rows: list[models.Model], secrets: list[str]) -> int:
    """Scrub ``secrets`` from ``rows`` and from every log row about them (any model with
    ``subject_type``/``subject_id`` columns: the change log and the access log).

    Only the person's own rows and the log rows about them are touched: another job seeker who
    shares a name or an address keeps their data.
    """
    if not secrets:
        return 0
    changed = 0
    by_model: dict[type[models.Model], list[Any]] = {}
    subject_ids: set[str] = set()
    for row in rows:
        by_model.setdefault(type(row), []).append(row.pk)
        subject_ids.add(str(getattr(row, "public_id", None) or row.pk))
    for model, pks in by_model.items():
        manager = model._base_manager
        changed += _scrub_queryset(manager, manager.filter(pk__in=pks), model, secrets)
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if {"subject_type", "subject_id"} <= names:
            manager = model._base_manager
            base = manager.filter(subject_id__in=subject_ids)
            changed += _scrub_queryset(manager, base, model, secrets)
    return changed


def _clear_row(row: models.Model, secrets: list[str], result: ErasureResult) -> None:
    changes: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname)
        if isinstance(field, EncryptedTextField) and value:
            changes[field.attname] = ""
        elif isinstance(field, models.FileField) and value:
            value.storage.delete(value.name)
            changes[field.attname] = ""
            result.files_deleted += 1
    if changes:
        type(row)._base_manager.filter(pk=row.pk).update(**changes)
        result.rows_changed += 1


def _anonymise_seeker_row(seeker: Any) -> None:
    changes: dict[str, Any] = {
        "name": ANONYMISED_NAME,
        "national_id_encrypted": "",
        "national_id_hash": ANONYMISED_HASH_PREFIX + uuid.uuid4().hex,
        "is_active": False,
    }
    for field in seeker._meta.concrete_fields:
        if field.name in SEEKER_KEEP or field.name in changes or field.choices:
            continue
        if isinstance(field, models.CharField | models.TextField):
            changes[field.attname] = ""
        elif isinstance(field, models.DateField) and field.null and field.name != "created_at":
            changes[field.attname] = None
        elif isinstance(field, models.JSONField):
            changes[field.attname] = field.get_default()
    type(seeker)._base_manager.filter(pk=seeker.pk).update(**changes)


def is_on_legal_hold(seeker: Any) -> bool:
    return LegalHold.objects.filter(seeker=seeker, released_at__isnull=True).exists()


def is_anonymised(seeker: Any) -> bool:
    return str(seeker.national_id_hash).startswith(ANONYMISED_HASH_PREFIX)


def _anonymise(seeker: Any) -> ErasureResult:
    result = ErasureResult()
    secrets = identifying_values(seeker)
    rows = list(related_rows(seeker))
    for row in rows:
        _clear_row(row, secrets, result)
    _anonymise_seeker_row(seeker)
    result.rows_changed += 1 + scrub_rows_and_logs([seeker, *rows], secrets)
    return result


@transaction.atomic
def anonymise_seeker(seeker: Any, *, actor: User, reason: str) -> ErasureResult:
    """Erase what identifies ``seeker`` (a deletion request, or retention). Refused on hold."""
    if actor is not None:
        require_change(seeker, actor)
    locked = type(seeker)._base_manager.select_for_update().get(pk=seeker.pk)
    if is_on_legal_hold(locked):
        raise ValidationError("此求職者資料有法律保全，不得刪除或匿名化。", code="legal_hold")
    if is_anonymised(locked):
        raise ValidationError("此求職者資料已匿名化。", code="already_done")
    result = _anonymise(locked)
    record_event(
        Event.PRIVACY_SEEKER_ANONYMISED,
        actor=actor,
        subject=locked,
        label=ANONYMISED_NAME,
        after={
            "reason": reason[:200],
            "rows_changed": result.rows_changed,
            "files_deleted": result.files_deleted,
        },
    )
    return result


@transaction.atomic
def place_legal_hold(seeker: Any, *, actor: User, reason: str) -> LegalHold:
    require_change(seeker, actor)
    reason = reason.strip()
    if not reason or len(reason) > 500:
        raise ValidationError({"reason": "請說明保全理由（500 字以內）。"})
    hold: LegalHold = LegalHold.objects.create(
        seeker=seeker, office=seeker.office, reason=reason, placed_by=actor
    )
    record_event(
        Event.PRIVACY_LEGAL_HOLD_PLACED, actor=actor, subject=hold, after={"reason": reason}
    )
    return hold


@transaction.atomic
def release_legal_hold(hold: LegalHold, *, actor: User) -> LegalHold:
    require_change(hold, actor)
    if hold.released_at is not None:
        raise ValidationError("此法律保全已解除。")
    hold.released_at = timezone.now()
    hold.save(update_fields=["released_at", "updated_at"])
    record_event(Event.PRIVACY_LEGAL_HOLD_RELEASED, actor=actor, subject=hold)
    return hold


def expired_seekers(cutoff: datetime.datetime) -> Any:
    """Seekers whose every case is closed, the last before ``cutoff``, not yet anonymised."""
    seeker_model: Any = apps.get_model("cases", "JobSeeker")
    case_statuses = apps.get_model("cases", "Case")._meta.get_field("status").choices or []
    case_statuses = [value for value, _ in case_statuses]
    return (
        seeker_model._base_manager.exclude(national_id_hash__startswith=ANONYMISED_HASH_PREFIX)
        .filter(cases__isnull=False)
        .exclude(cases__closed_at__isnull=True)
        .exclude(cases__status__in=[s for s in case_statuses if s != "closed"])
        .annotate(last_closed=Max("cases__closed_at"))
        .filter(last_closed__lt=cutoff)
        .distinct()
    )


def purge_expired(now: datetime.datetime | None = None) -> RetentionRun:
    """Retention: anonymise (or delete) the data of seekers whose purpose ended long enough ago.

    Each person is handled in their own transaction; statistics are kept as counts only.
    """
    from jobdesk.cases.services.casework import add_months

    policy = RetentionPolicy.current()
    now = now or timezone.now()
    cutoff_day = add_months(timezone.localtime(now).date(), -policy.months_after_closure)
    cutoff = timezone.make_aware(datetime.datetime.combine(cutoff_day, datetime.time.min))
    run = RetentionRun.objects.create(action=policy.action, cutoff=cutoff)
    if policy.enabled:
        for seeker in expired_seekers(cutoff):
            with transaction.atomic():
                if is_on_legal_hold(seeker):
                    run.seekers_on_hold += 1
                    continue
                result = _anonymise(seeker)
                if policy.action == RetentionAction.DELETE:
                    result.rows_changed += _delete_seeker(seeker)
                run.seekers_processed += 1
                run.rows_changed += result.rows_changed
                run.files_deleted += result.files_deleted
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "finished_at",
            "seekers_processed",
            "seekers_on_hold",
            "rows_changed",
            "files_deleted",
        ]
    )
    return run


def _delete_seeker(seeker: Any) -> int:
    """Delete the (already anonymised) seeker and their cases; keep them if something protects."""
    from django.db.models import ProtectedError, RestrictedError

    try:
        with transaction.atomic():
            deleted = 0
            for case in seeker.cases.all():
                deleted += case.delete()[0]
            deleted += type(seeker)._base_manager.filter(pk=seeker.pk).delete()[0]
            return int(deleted)
    except (ProtectedError, RestrictedError):
        return 0
