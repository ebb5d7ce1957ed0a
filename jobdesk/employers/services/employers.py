"""Registering employers, editing them, and the labour-dispute flag (就業服務法 §10)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.common.scoping import is_within, office_subtree
from jobdesk.common.versioning import lock_current, save_versioned, sync_instance
from jobdesk.domain.identifiers import check_ubn
from jobdesk.employers.models import DisputeKind, Employer
from jobdesk.employers.models.employer import name_key
from jobdesk.employers.search import refresh_employer_vacancies

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

EDITABLE_FIELDS = [
    "name",
    "ubn",
    "industry",
    "township",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "notes",
]
DISPUTE_FIELDS = ["dispute_kind", "dispute_started_on", "dispute_ended_on", "dispute_note"]


def _validate(name: str, ubn: str, exclude_pk: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "請填寫雇主名稱。"
    if ubn:
        error = check_ubn(ubn)
        if error:
            errors["ubn"] = error
        elif Employer.objects.filter(ubn=ubn).exclude(pk=exclude_pk or 0).exists():
            errors["ubn"] = f"統一編號 {ubn} 已登錄為其他雇主，請勿重複建立（可向登錄的據點查詢）。"
    if errors:
        raise ValidationError(errors)


def _check_industry(industry: Any) -> None:
    if industry is not None and len(industry.code) < 2:
        raise ValidationError({"industry": "請選擇中類以下的行業代碼。"})


@transaction.atomic
def register_employer(
    *, actor: User | None, office: Any, name: str, ubn: str = "", **fields: Any
) -> Employer:
    """Register an employer in ``office``; the 統一編號 is checksum-validated and unique."""
    name, ubn = name.strip(), ubn.strip()
    _validate(name, ubn)
    _check_industry(fields.get("industry"))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown employer fields: {sorted(unknown)}")
    employer = Employer(office=office, name=name, name_key=name_key(name), ubn=ubn, **fields)
    employer.save()
    record_event(Event.EMPLOYER_REGISTERED, actor=actor, subject=employer, after=snapshot(employer))
    return employer


@transaction.atomic
def update_employer(
    employer: Employer, *, actor: User, expected_version: int, **changes: Any
) -> Employer:
    """Change an employer's details (optimistic locking: raises ConcurrentEditError)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown employer fields: {sorted(unknown)}")
    current = lock_current(employer, expected_version)  # not ``employer``: a form may have set it
    before = snapshot(current, EDITABLE_FIELDS)
    changed = []
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if not changed:
        sync_instance(employer, current)
        return current
    _validate(current.name, current.ubn, exclude_pk=current.pk)
    _check_industry(current.industry)
    current.name_key = name_key(current.name)
    save_versioned(current, expected_version, [*changed, "name_key"])
    if "name" in changed:  # vacancies are found by their employer's name too
        refresh_employer_vacancies(current)
    record_event(
        Event.EMPLOYER_UPDATED,
        actor=actor,
        subject=current,
        before=before,
        after=snapshot(current, EDITABLE_FIELDS),
    )
    sync_instance(employer, current)
    return current


@transaction.atomic
def set_labour_dispute(
    employer: Employer,
    *,
    actor: User,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    note: str = "",
) -> Employer:
    """Flag a strike, lockout or mass-dismissal dispute: no recommending while it stands."""
    if kind not in DisputeKind.values:
        raise ValidationError({"kind": "請選擇爭議類型。"})
    if started_on is None:
        raise ValidationError({"started_on": "請填寫爭議開始日。"})
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": "爭議結束日不得早於開始日。"})
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    before = snapshot(locked, DISPUTE_FIELDS)
    locked.dispute_kind, locked.dispute_started_on = kind, started_on
    locked.dispute_ended_on, locked.dispute_note = ended_on, note.strip()[:300]
    locked.save(update_fields=[*DISPUTE_FIELDS, "updated_at"])
    record_event(
        Event.EMPLOYER_DISPUTE_SET,
        actor=actor,
        subject=locked,
        before=before,
        after=snapshot(locked, DISPUTE_FIELDS),
    )
    return locked


@transaction.atomic
def lift_labour_dispute(employer: Employer, *, actor: User, ended_on: datetime.date) -> Employer:
    """Record the day the dispute ended; recommending is allowed again the day after."""
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    if not locked.dispute_kind:
        raise ValidationError("這個雇主沒有登錄勞資爭議。")
    if locked.dispute_started_on and ended_on < locked.dispute_started_on:
        raise ValidationError({"ended_on": "爭議結束日不得早於開始日。"})
    before = snapshot(locked, DISPUTE_FIELDS)
    locked.dispute_ended_on = ended_on
    locked.save(update_fields=["dispute_ended_on", "updated_at"])
    record_event(
        Event.EMPLOYER_DISPUTE_LIFTED,
        actor=actor,
        subject=locked,
        before=before,
        after=snapshot(locked, DISPUTE_FIELDS),
    )
    return locked


def find_or_register_employer(
    *,
    actor: User | None,
    office: Any,
    name: str,
    ubn: str = "",
    cache: dict[str, Employer] | None = None,
) -> Employer:
    """The employer named so (by 統一編號 when given, else by name within ``office``'s tree)."""
    key = f"ubn:{ubn}" if ubn else f"name:{name_key(name)}"
    if cache is not None and key in cache:
        return cache[key]
    found: Employer | None = None
    if ubn:
        found = Employer.objects.filter(ubn=ubn).first()
        if found is not None and not is_within(found.office, office):
            raise ValidationError(f"統一編號 {ubn} 的雇主已由其他據點登錄，無法在此匯入。")
    if found is None:
        found = (
            Employer.objects.filter(name_key=name_key(name), office__in=office_subtree(office))
            .order_by("id")
            .first()
        )
    if found is None:
        found = register_employer(actor=actor, office=office, name=name, ubn=ubn)
    if cache is not None:
        cache[key] = found
    return found
