"""Optimistic locking: two people editing one record never silently overwrite each other."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F

from jobdesk.common.models import ScopedModel


class ConcurrentEditError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "這筆資料已被其他人修改，您的變更未儲存。請重新載入頁面，確認最新內容後再修改。",
            code="stale_version",
        )


def save_versioned(obj: ScopedModel, expected_version: int, update_fields: list[str]) -> None:
    """Save ``update_fields`` of ``obj`` only if nobody saved it since ``expected_version``.

    Call inside ``transaction.atomic``; raises ``ConcurrentEditError`` and writes nothing when the
    row moved on. On success ``obj.version`` is the new version.
    """
    values: dict[str, Any] = {name: getattr(obj, name) for name in update_fields}
    field_names = {f.name for f in obj._meta.concrete_fields}
    if "updated_at" in field_names:
        from django.utils import timezone

        obj.updated_at = timezone.now()
        values["updated_at"] = obj.updated_at
    # Attribute names (office_id) rather than field names (office) for foreign keys.
    columns = {getattr(obj._meta.get_field(n), "attname", n): v for n, v in values.items()}
    changed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1, **columns)
    )
    if changed != 1:
        raise ConcurrentEditError()
    obj.version = expected_version + 1
