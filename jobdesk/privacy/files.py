"""Encrypted files at rest (consent signatures): key rotation, legacy plaintext files, orphans.

Generic over the project like ``keys.py``: every ``EncryptedFileField`` of every installed model.

* ``rotate_files()`` puts every file under the first key (``jobdesk rotate-field-key``); legacy
  plaintext files are encrypted on the way. ``rotate_files(only_plaintext=True)`` encrypts the
  legacy files only (``jobdesk encrypt-signature-files``). One transaction per file, its row
  locked; the new ciphertext is written beside the old file and renamed over it.
* ``remove_orphaned_files()`` deletes files of the fields' upload folders that no row names and
  that are older than a grace period: files written by a transaction that then rolled back (Django
  has no rollback hook), or left by a crash. A file no row names yet because its transaction is
  still open is younger than the grace period and is kept.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import posixpath

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone

from jobdesk.common.crypto import DecryptionError
from jobdesk.common.encrypted_files import EncryptedFieldFile, EncryptedFileField

logger = logging.getLogger(__name__)

ORPHAN_GRACE = datetime.timedelta(hours=1)


@dataclasses.dataclass
class FileRotationCount:
    model: str
    field: str
    files: int = 0  # rewritten under the first key
    legacy: int = 0  # of which were plaintext before
    missing: int = 0  # named by a row, not in storage
    unreadable: list[str] = dataclasses.field(default_factory=list)  # pks no configured key opens


def encrypted_file_fields() -> list[tuple[type[models.Model], EncryptedFileField]]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, EncryptedFileField):
                found.append((model, f))
    return found


def rotate_field_files(
    model: type[models.Model], file_field: EncryptedFileField, *, only_plaintext: bool = False
) -> FileRotationCount:
    count = FileRotationCount(model._meta.label, file_field.name)
    manager = model._base_manager
    rows = manager.exclude(**{file_field.attname: ""})
    if only_plaintext:
        rows = rows.exclude(**{f"{file_field.attname}__endswith": file_field.suffix})
    for pk in rows.order_by("pk").values_list("pk", flat=True):
        try:
            with transaction.atomic():
                row = manager.select_for_update().filter(pk=pk).first()
                file: EncryptedFieldFile | None = getattr(row, file_field.attname, None)
                if row is None or not file or (only_plaintext and file.is_encrypted):
                    continue
                if file.reencrypt():
                    count.legacy += 1
                count.files += 1
        except FileNotFoundError:
            count.missing += 1
        except DecryptionError:
            count.unreadable.append(str(pk))
    return count


def rotate_files(*, only_plaintext: bool = False) -> list[FileRotationCount]:
    return [
        rotate_field_files(model, f, only_plaintext=only_plaintext)
        for model, f in encrypted_file_fields()
    ]


def _upload_root(file_field: EncryptedFileField) -> str:
    if callable(file_field.upload_to):
        raise ValueError(f"{file_field}: upload_to must be a path to find orphans")
    return str(file_field.upload_to).split("%", 1)[0].rstrip("/")


def _stored_names(storage: Storage, folder: str) -> list[str]:
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    names = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        names += _stored_names(storage, posixpath.join(folder, sub))
    return names


def remove_orphaned_files(grace: datetime.timedelta = ORPHAN_GRACE) -> int:
    """Delete unreferenced files older than ``grace``; returns how many were deleted."""
    deleted = 0
    cutoff = timezone.now() - grace
    for model, file_field in encrypted_file_fields():
        storage = file_field.storage
        stored = _stored_names(storage, _upload_root(file_field))
        if not stored:
            continue
        named = set(
            model._base_manager.exclude(**{file_field.attname: ""}).values_list(
                file_field.attname, flat=True
            )
        )
        for name in stored:
            if name in named or storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            deleted += 1
            logger.info("removed orphaned file %s", name)
    return deleted
