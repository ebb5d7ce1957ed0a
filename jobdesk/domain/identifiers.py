"""Taiwanese identifiers: 身分證字號, 統一證號 (new and old formats) and 統一編號.

Plain Python (no Django). The rules are those of the Ministry of the Interior and the Ministry of
Finance as summarised in the product brief:

* 身分證字號 ``^[A-Z][12]\\d{8}$``; 統一證號 new ``^[A-Z][89]\\d{8}$``, old ``^[A-Z][A-D]\\d{8}$``.
  The first letter becomes two digits (A=10 … see ``LETTER_VALUES``); in the old 統一證號 the second
  letter counts as its own value mod 10. Weights 1,9,8,7,6,5,4,3,2,1,1 over the eleven digits; the
  total must be divisible by 10.
* 統一編號: eight digits, weights 1,2,1,2,1,2,4,1, the digits of each product are added; the total
  must be divisible by 5 (since 2023; every number the old divisible-by-10 rule accepted passes
  too). When the seventh digit is 7, total + 1 divisible by 5 also passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

LETTER_VALUES: dict[str, int] = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34, "J": 18,
    "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27,
    "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}  # fmt: skip
_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
_UBN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)

NATIONAL_ID_RE = re.compile(r"^[A-Z][12]\d{8}$")
RESIDENT_NEW_RE = re.compile(r"^[A-Z][89]\d{8}$")
RESIDENT_OLD_RE = re.compile(r"^[A-Z][A-D]\d{8}$")
UBN_RE = re.compile(r"^\d{8}$")


class IdKind(StrEnum):
    NATIONAL_ID = "national_id"  # 身分證字號
    RESIDENT_NEW = "resident_new"  # 統一證號（新式）
    RESIDENT_OLD = "resident_old"  # 統一證號（舊式）


@dataclass(frozen=True)
class IdCheck:
    """Result of checking a personal identifier; ``error`` is a zh-Hant sentence or empty."""

    value: str
    kind: IdKind | None
    error: str

    @property
    def ok(self) -> bool:
        return not self.error


def normalize_personal_id(raw: str) -> str:
    """Upper-case, strip spaces and turn full-width letters and digits into ASCII."""
    text = raw.strip().translate(_FULLWIDTH).replace(" ", "").replace("-", "")
    return text.upper()


_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _personal_checksum_ok(value: str, second_digit: int) -> bool:
    first = LETTER_VALUES[value[0]]
    digits = [first // 10, first % 10, second_digit] + [int(c) for c in value[2:]]
    total = sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True))
    return total % 10 == 0


def check_personal_id(raw: str) -> IdCheck:
    """Check a 身分證字號 or 統一證號 (either format) and say what is wrong in zh-Hant."""
    value = normalize_personal_id(raw)
    if not value:
        return IdCheck(value, None, "請輸入身分證字號或統一證號。")
    if NATIONAL_ID_RE.match(value):
        kind = IdKind.NATIONAL_ID
        second = int(value[1])
    elif RESIDENT_NEW_RE.match(value):
        kind = IdKind.RESIDENT_NEW
        second = int(value[1])
    elif RESIDENT_OLD_RE.match(value):
        kind = IdKind.RESIDENT_OLD
        second = LETTER_VALUES[value[1]] % 10
    else:
        return IdCheck(
            value,
            None,
            "格式不符：身分證字號為 1 個英文字母加 9 位數字（第 2 碼為 1 或 2），"
            "統一證號第 2 碼為 8、9 或 A–D。",
        )
    if not _personal_checksum_ok(value, second):
        return IdCheck(value, kind, "檢查碼不符，請再核對一次證號。")
    return IdCheck(value, kind, "")


def is_valid_personal_id(raw: str) -> bool:
    return check_personal_id(raw).ok


def mask_personal_id(value: str) -> str:
    """Show a personal ID masked for screens and printouts: A123456789 → A12****789."""
    if len(value) != 10:
        return "*" * len(value)
    return f"{value[:3]}****{value[7:]}"


def check_ubn(raw: str) -> str:
    """Check a 統一編號; return an empty string when valid, else a zh-Hant message."""
    value = raw.strip().translate(_FULLWIDTH)
    if not UBN_RE.match(value):
        return "統一編號應為 8 位數字。"
    total = 0
    for weight, char in zip(_UBN_WEIGHTS, value, strict=True):
        product = weight * int(char)
        total += product // 10 + product % 10
    if total % 5 == 0 or (value[6] == "7" and (total + 1) % 5 == 0):
        return ""
    return "統一編號檢查碼不符，請再核對一次。"


def is_valid_ubn(raw: str) -> bool:
    return not check_ubn(raw)
