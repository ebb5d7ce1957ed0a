"""Encryption of personal data at rest (PDPA Art. 6 and 27) and keyed lookup hashes.

* ``encrypt`` / ``decrypt`` use Fernet (AES-128-CBC + HMAC-SHA256) with the keys of
  ``settings.JOBDESK_FIELD_KEYS``: the first key writes, every key reads, so a key is rotated by
  putting a new one first and running ``jobdesk rotate-field-key`` (re-encrypts every value).
* ``lookup_hash`` is HMAC-SHA256 under ``settings.JOBDESK_LOOKUP_KEY``: equal inputs give equal
  hashes, so a national ID is found again (duplicates caught) without decrypting anything.
* ``EncryptedTextField`` stores ciphertext and gives plaintext to Python code;
  ``jobdesk.common.encrypted_files.EncryptedFileField`` does the same for files, with the same keys.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def keyring() -> MultiFernet:
    return _keyring(tuple(settings.JOBDESK_FIELD_KEYS))


def encrypt_bytes(plaintext: bytes) -> bytes:
    """A Fernet token (ASCII bytes) for ``plaintext``, under the first key."""
    return keyring().encrypt(plaintext)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return keyring().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError(_UNREADABLE) from exc


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt the Fernet token ``token`` under the current (first) key."""
    try:
        return keyring().rotate(token)
    except InvalidToken as exc:
        raise DecryptionError(_UNREADABLE) from exc


def encrypt(plaintext: str) -> str:
    return encrypt_bytes(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")


def rotate(token: str) -> str:
    """Re-encrypt ``token`` under the current (first) key."""
    return rotate_bytes(token.encode("ascii")).decode("ascii")


_UNREADABLE = "無法以目前設定的金鑰解密資料（JOBDESK_FIELD_KEY）。"


def lookup_hash(value: str, *, purpose: str) -> str:
    """A keyed, purpose-separated hash for equality lookups of a secret value."""
    key = hashlib.sha256(f"{purpose}:{settings.JOBDESK_LOOKUP_KEY}".encode()).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column that holds Fernet ciphertext; Python code sees plaintext.

    Never filter on it (ciphertexts of equal values differ): pair it with a lookup-hash column.
    """

    description = "Encrypted text"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))
