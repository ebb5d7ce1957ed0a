"""Checking signatures and signed scans by their content (magic bytes), never by their name;
reading a stored one back (decrypted, checked against its SHA-256)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from jobdesk.common.crypto import DecryptionError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"
MAX_DRAWN_BYTES = 512 * 1024
MAX_SCAN_BYTES = 5 * 1024 * 1024
DATA_URL_PREFIX = "data:image/png;base64,"


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _png_size(content: bytes) -> tuple[int, int] | None:
    if len(content) < 24 or content[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", content[16:24])
    return int(width), int(height)


def check_drawn_signature(data_url: str) -> CheckedFile:
    """A signature drawn on the tablet canvas, posted as a PNG data URL."""
    if not data_url:
        raise ValidationError("請由求職者在簽名框內簽名。", code="required")
    if len(data_url) > MAX_DRAWN_BYTES * 4 // 3 + len(DATA_URL_PREFIX) + 4:
        raise ValidationError("簽名圖檔過大（上限 512 KB）。", code="too_large")
    if not data_url.startswith(DATA_URL_PREFIX):
        raise ValidationError("簽名格式不正確，只接受 PNG 圖檔。", code="format")
    try:
        content = base64.b64decode(data_url[len(DATA_URL_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("簽名資料已損壞，請重新簽名。", code="format") from exc
    if not content.startswith(PNG_MAGIC):
        raise ValidationError("簽名格式不正確，只接受 PNG 圖檔。", code="format")
    size = _png_size(content)
    if size is None or not (50 <= size[0] <= 4000 and 20 <= size[1] <= 4000):
        raise ValidationError("簽名圖檔尺寸不正確，請重新簽名。", code="format")
    if len(content) > MAX_DRAWN_BYTES:
        raise ValidationError("簽名圖檔過大（上限 512 KB）。", code="too_large")
    return CheckedFile(content, "image/png", "png")


def check_scan(upload: Any) -> CheckedFile:
    """A scan or photo of the printed, signed form: PNG, JPEG or PDF up to 5 MB."""
    if upload is None:
        raise ValidationError("請上傳已簽名同意書的掃描檔。", code="required")
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError("檔案過大，上限為 5 MB。", code="too_large")
    content = upload.read(MAX_SCAN_BYTES + 1)
    if len(content) > MAX_SCAN_BYTES:
        raise ValidationError("檔案過大，上限為 5 MB。", code="too_large")
    if content.startswith(PNG_MAGIC):
        return CheckedFile(content, "image/png", "png")
    if content.startswith(JPEG_MAGIC):
        return CheckedFile(content, "image/jpeg", "jpg")
    if content.startswith(PDF_MAGIC):
        return CheckedFile(content, "application/pdf", "pdf")
    raise ValidationError(
        "檔案內容不是 PNG、JPEG 或 PDF（系統依檔案內容判斷，不依副檔名），請重新掃描上傳。",
        code="format",
    )


class SignatureUnreadable(Exception):
    """A stored signature cannot be shown; ``message`` says why, in words for the reader."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def read_signature(consent: Any) -> bytes:
    """The signed file as it was signed: decrypted (or a legacy plaintext file as stored) and
    checked against the SHA-256 recorded at signing."""
    try:
        content: bytes = consent.signature.read_plain()
    except DecryptionError as exc:
        raise SignatureUnreadable(
            "簽名檔無法以目前設定的金鑰解密。請系統管理員確認 JOBDESK_FIELD_KEY："
            "輪替金鑰時，舊金鑰須保留到 rotate-field-key 執行完成。",
            "key",
        ) from exc
    except OSError as exc:
        raise SignatureUnreadable(
            "找不到簽名檔或無法讀取。請系統管理員自備份還原此檔案。", "missing"
        ) from exc
    if hashlib.sha256(content).hexdigest() != consent.signature_sha256:
        raise SignatureUnreadable(
            "簽名檔內容與簽署時紀錄的 SHA-256 不符，可能已損毀或遭竄改。請通知系統管理員。",
            "checksum",
        )
    return content
