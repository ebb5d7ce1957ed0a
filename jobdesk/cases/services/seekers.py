"""Job-seeker registration (求職登記) and changes to it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.models import JobSeeker, SensitiveCircumstances, Shift
from jobdesk.cases.search import set_search_text
from jobdesk.cases.services.guards import require_change, require_office
from jobdesk.common.crypto import lookup_hash
from jobdesk.common.versioning import lock_current, save_versioned, sync_instance
from jobdesk.domain.identifiers import check_personal_id, mask_personal_id

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

ID_HASH_PURPOSE = "cases.national_id"

# Plain fields a registration may set (M2M fields are handled apart).
SCALAR_FIELDS = [
    "name",
    "birth_date",
    "phone",
    "email",
    "address",
    "township",
    "education",
    "experience_years",
    "work_history",
    "skills",
    "licences",
    "max_commute_km",
    "pay_basis",
    "expected_pay_min",
    "shifts",
    "hours_note",
    "available_from",
    "is_active",
]
M2M_FIELDS = ["desired_occupations", "desired_townships", "target_groups"]
SENSITIVE_FIELDS = ["economic_situation", "disability", "health"]


def national_id_hash(raw: str) -> str:
    return lookup_hash(check_personal_id(raw).value, purpose=ID_HASH_PURPOSE)


def find_by_national_id(raw: str) -> JobSeeker | None:
    """The seeker registered under this ID anywhere (callers must still scope what they show)."""
    check = check_personal_id(raw)
    if not check.ok:
        return None
    return JobSeeker.objects.filter(national_id_hash=national_id_hash(check.value)).first()


def _validate(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = "請輸入姓名。"
    if data.get("township") is None:
        errors["township"] = "請選擇居住鄉鎮市區。"
    birth = data.get("birth_date")
    today = timezone.localdate()
    if birth is not None and (birth > today or birth < today - datetime.timedelta(days=365 * 110)):
        errors["birth_date"] = "出生日期不合理，請再確認。"
    if birth is not None and birth > today - datetime.timedelta(days=365 * 15):
        errors["birth_date"] = "求職登記須年滿 15 歲。"
    shifts = data.get("shifts") or []
    if any(s not in Shift.values for s in shifts):
        errors["shifts"] = "班別不正確。"
    pay = data.get("expected_pay_min")
    if pay is not None and pay < 0:
        errors["expected_pay_min"] = "希望待遇不可為負數。"
    if errors:
        raise ValidationError(errors)


def _save_sensitive(seeker: JobSeeker, sensitive: Mapping[str, str] | None, *, actor: User) -> None:
    if sensitive is None:
        return
    row = SensitiveCircumstances.objects.filter(seeker=seeker).first()
    values = {f"{k}_encrypted": str(sensitive.get(k) or "") for k in SENSITIVE_FIELDS}
    if row is None:
        if not any(values.values()):
            return
        row = SensitiveCircumstances.objects.create(seeker=seeker, office=seeker.office, **values)
        record_event(
            Event.SEEKER_SENSITIVE_RECORDED, actor=actor, subject=seeker, label=seeker.name
        )
        return
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    if changed:
        for k in changed:
            setattr(row, k, values[k])
        row.save(update_fields=[*changed, "updated_at"])
        record_event(
            Event.SEEKER_SENSITIVE_CHANGED,
            actor=actor,
            subject=seeker,
            after={"fields": changed},
            label=seeker.name,
        )


@transaction.atomic
def register_seeker(
    *,
    actor: User,
    office: Any,
    national_id: str,
    data: Mapping[str, Any],
    sensitive: Mapping[str, str] | None = None,
    notice_method: str | None = None,
) -> JobSeeker:
    """求職登記. ``data``: the fields of SCALAR_FIELDS and M2M_FIELDS (model instances).

    ``notice_method``: how the PDPA Art. 8 notice was given at this collection; recorded in the
    same transaction (the registration screen requires it).
    """
    require_office(office, actor)
    check = check_personal_id(national_id)
    if not check.ok:
        raise ValidationError({"national_id": check.error})
    _validate(data)
    digest = national_id_hash(check.value)
    if JobSeeker.objects.filter(national_id_hash=digest).exists():
        raise ValidationError(
            {"national_id": "此證號已有求職登記，請查詢既有求職者資料，勿重複登記。"},
            code="duplicate",
        )
    seeker = JobSeeker(
        office=office,
        national_id_encrypted=check.value,
        national_id_hash=digest,
        national_id_masked=mask_personal_id(check.value),
        id_kind=str(check.kind),
        registered_by=actor,
        **{k: data[k] for k in SCALAR_FIELDS if k in data and data[k] is not None},
    )
    set_search_text(seeker)
    seeker.save()
    for name in M2M_FIELDS:
        if name in data:
            getattr(seeker, name).set(data[name])
    _save_sensitive(seeker, sensitive, actor=actor)
    record_event(
        Event.SEEKER_REGISTERED,
        actor=actor,
        subject=seeker,
        after=snapshot(seeker, [f for f in SCALAR_FIELDS if f in data] + ["national_id_hash"]),
        label=seeker.name,
    )
    if notice_method:
        from jobdesk.privacy.services import record_notice_given

        record_notice_given(seeker, actor=actor, method=notice_method)
    return seeker


@transaction.atomic
def update_seeker(
    seeker: JobSeeker,
    *,
    actor: User,
    expected_version: int,
    data: Mapping[str, Any],
    sensitive: Mapping[str, str] | None = None,
) -> JobSeeker:
    """Change a registration; a stale ``expected_version`` raises ConcurrentEditError."""
    require_change(seeker, actor)
    current = lock_current(seeker, expected_version)  # the stored row, not a form-bound object
    merged = {k: getattr(current, k) for k in SCALAR_FIELDS} | dict(data)
    _validate(merged)
    fields = [k for k in SCALAR_FIELDS if k in data]
    before = snapshot(current, fields)
    for k in fields:
        setattr(current, k, data[k])
    terms = ["search_text"] if set_search_text(current) else []
    save_versioned(current, expected_version, [*fields, *terms])
    sync_instance(seeker, current)
    for name in M2M_FIELDS:
        if name in data:
            getattr(seeker, name).set(data[name])
    _save_sensitive(seeker, sensitive, actor=actor)
    record_event(
        Event.SEEKER_CHANGED,
        actor=actor,
        subject=seeker,
        before=before,
        after=snapshot(seeker, fields),
        label=seeker.name,
    )
    return seeker
