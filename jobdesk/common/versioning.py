"""Optimistic locking: two people editing one record never silently overwrite each other."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F

from jobdesk.common.models import ScopedModel


class ConcurrentEditError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "這筆資料已被其他人修改，您的變更未儲存。請重新載入頁面，確認最新內容後再修改。",
            code="stale_version",
        )


# An edit form posted without the version it was opened at (an old page, a hand-made request):
# nothing is saved, as for a stale version.
MISSING_VERSION = "缺少資料版本，您的變更未儲存。請重新載入頁面，確認最新內容後再修改。"


def version_field(*, required: bool = True) -> forms.IntegerField:
    """The hidden ``version`` of an edit form. Required on every edit: without it a form would
    fall back to the current version and overwrite whatever changed since it was opened. A form
    that also creates rows passes ``required=False`` and sets it required when editing."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        required=required,
        min_value=0,
        error_messages={
            "required": MISSING_VERSION,
            "invalid": MISSING_VERSION,
            "min_value": MISSING_VERSION,
        },
    )


M = TypeVar("M", bound=ScopedModel)


def lock_current(obj: M, expected_version: int | None = None) -> M:
    """The row of ``obj`` as the database holds it now, locked until the transaction ends.

    An edit service compares old and new values and snapshots "before" for the change log; it
    must do so against this row, never against ``obj``: a ModelForm bound to ``obj`` has already
    copied the submitted values onto it during ``is_valid()``, so ``obj`` shows no difference and
    the edit would be dropped while the change log records it. Call inside
    ``transaction.atomic``; with ``expected_version`` a row that moved on raises
    ``ConcurrentEditError`` before anything is changed.
    """
    fresh = cast(M, type(obj)._default_manager.select_for_update().get(pk=obj.pk))
    if expected_version is not None and fresh.version != expected_version:
        raise ConcurrentEditError()
    return fresh


def sync_instance(target: ScopedModel, source: ScopedModel) -> None:
    """Copy the saved field values of ``source`` onto ``target`` (the caller's object)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.fields_cache.clear()


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
