"""Files encrypted at rest with the field keys (``jobdesk.common.crypto``).

``EncryptedFileField`` is a ``FileField`` whose stored bytes are a Fernet token made with the
same keyring as ``EncryptedTextField``: the first key of ``JOBDESK_FIELD_KEY`` writes, every key
reads. Python code reading the field (``file.read()``, ``read_plain()``) sees plaintext.

* The stored name is ``<stem><suffix>`` (``<public_id>.sig`` for consent signatures): the name
  says nothing about the content; the content type lives in a column of the model
  (``content_type_field``).
* A name that does not end with the suffix is a *legacy* plaintext file written before encryption
  was introduced: it is read as it is until ``reencrypt()`` (``jobdesk encrypt-signature-files``
  or ``jobdesk rotate-field-key``) encrypts it and renames it.
* ``reencrypt()`` writes the new ciphertext to a temporary file in the same directory and renames
  it over the old one (``os.replace``, atomic on POSIX): a reader sees the old file or the new
  one, never a half-written one. This needs a storage on the local file system
  (``FileSystemStorage``, the project's default).
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import posixpath
import stat
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from jobdesk.common.crypto import decrypt_bytes, encrypt_bytes, rotate_bytes

# Extensions given back when a file leaves the system (exports); unknown types get ".bin".
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf"}


def replace_atomically(storage: Storage, name: str, data: bytes, *, like: str) -> None:
    """Write ``data`` to ``name`` through a temporary file renamed over it; the new file gets the
    permission bits of the stored file ``like`` (the file it replaces)."""
    try:
        target = Path(storage.path(name))
        model_path = Path(storage.path(like))
    except NotImplementedError as exc:
        raise ImproperlyConfigured(
            "加密檔案的重新加密需要本機檔案系統儲存（FileSystemStorage）。"
        ) from exc
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(model_path.stat().st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class EncryptedFieldFile(FieldFile):
    """The value of an ``EncryptedFileField``: saving encrypts, reading decrypts."""

    field: EncryptedFileField
    _file: File[Any] | None

    @property
    def is_encrypted(self) -> bool:
        return bool(self.name) and str(self.name).endswith(self.field.suffix)

    @property
    def content_type(self) -> str:
        if not self.field.content_type_field:
            return "application/octet-stream"
        return str(getattr(self.instance, self.field.content_type_field) or "")

    @property
    def plain_name(self) -> str:
        """The base name with the original type's extension (for exports)."""
        base = posixpath.basename(str(self.name))
        if not self.is_encrypted:
            return base
        stem = base[: -len(self.field.suffix)]
        content_type = self.content_type
        return stem + (
            EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"
        )

    def save(self, name: str, content: File[Any], save: bool = True) -> None:
        content.seek(0)
        token = encrypt_bytes(content.read())
        name = posixpath.splitext(name)[0] + self.field.suffix
        super().save(name, ContentFile(token), save)

    save.alters_data = True  # type: ignore[attr-defined]

    def _require_name(self) -> None:
        if not self:
            raise ValueError(f"The '{self.field.name}' attribute has no file associated with it.")

    def read_stored(self) -> bytes:
        """The bytes as they are in storage (ciphertext, or plaintext for a legacy file)."""
        self._require_name()
        with self.storage.open(str(self.name), "rb") as handle:
            return bytes(handle.read())

    def read_plain(self) -> bytes:
        """The original bytes; ``DecryptionError`` if no configured key opens the file,
        ``OSError`` (``FileNotFoundError``) if it is not in storage."""
        stored = self.read_stored()
        return decrypt_bytes(stored) if self.is_encrypted else stored

    # Reading through the field (``read()``, ``open()``, ``chunks()``) gives the plaintext.
    def _get_plain_file(self) -> File[Any]:
        self._require_name()
        file: File[Any] | None = getattr(self, "_file", None)
        if file is None:
            file = self._file = ContentFile(self.read_plain(), name=self.name)
        return file

    def _set_plain_file(self, file: File[Any] | None) -> None:
        self._file = file

    def _del_plain_file(self) -> None:
        del self._file

    file = property(_get_plain_file, _set_plain_file, _del_plain_file)  # type: ignore[assignment]

    def open(  # type: ignore[override]
        self, mode: str | None = "rb", *args: Any, **kwargs: Any
    ) -> EncryptedFieldFile:
        if mode not in {"r", "rb", None}:
            raise ValueError("加密檔案只能讀取；寫入請用 save()。")
        if getattr(self, "_file", None) is None:
            self._get_plain_file()
        else:
            self.file.open()
        return self

    open.alters_data = True  # type: ignore[attr-defined]

    def reencrypt(self) -> bool:
        """Put the stored file under the first key; returns True if it was a legacy plaintext
        file (then encrypted and renamed, the plaintext deleted once the transaction commits).

        Call inside a transaction with the row locked (``select_for_update``).
        """
        stored = self.read_stored()
        old = str(self.name)
        if self.is_encrypted:
            replace_atomically(self.storage, old, rotate_bytes(stored), like=old)
            return False
        new = self.storage.get_available_name(posixpath.splitext(old)[0] + self.field.suffix)
        replace_atomically(self.storage, new, encrypt_bytes(stored), like=old)
        try:
            type(self.instance)._base_manager.filter(pk=self.instance.pk).update(
                **{self.field.attname: new}
            )
        except BaseException:
            self.storage.delete(new)
            raise
        self.name = new
        setattr(self.instance, self.field.attname, new)
        storage = self.storage
        transaction.on_commit(lambda: storage.delete(old))
        return True


class EncryptedFileField(models.FileField):
    """A file stored as Fernet ciphertext under ``<stem><suffix>``; see the module docstring."""

    attr_class = EncryptedFieldFile
    description = "Encrypted file"

    def __init__(
        self,
        *args: Any,
        suffix: str = ".enc",
        content_type_field: str = "",
        **kwargs: Any,
    ) -> None:
        self.suffix = suffix
        self.content_type_field = content_type_field
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.suffix != ".enc":
            kwargs["suffix"] = self.suffix
        if self.content_type_field:
            kwargs["content_type_field"] = self.content_type_field
        return name, path, args, kwargs
