"""身分證字號, 統一證號 and 統一編號 checks, against the rules in the product brief."""

import pytest

from jobdesk.domain.identifiers import (
    IdKind,
    check_personal_id,
    check_ubn,
    is_valid_personal_id,
    is_valid_ubn,
    mask_personal_id,
)


def _complete(prefix: str) -> str:
    """Append the one check digit that makes ``prefix`` (9 chars) a valid personal ID."""
    for digit in "0123456789":
        if is_valid_personal_id(prefix + digit):
            return prefix + digit
    raise AssertionError(prefix)


def test_brief_example_passes():
    result = check_personal_id("A123456789")
    assert result.ok
    assert result.kind is IdKind.NATIONAL_ID


@pytest.mark.parametrize("value", ["A123456788", "A123456780", "B123456789"])
def test_wrong_check_digit_is_refused_in_chinese(value):
    result = check_personal_id(value)
    assert not result.ok
    assert "檢查碼" in result.error


@pytest.mark.parametrize("value", ["", "A3234567890", "1123456789", "A12345678", "AA1234567"])
def test_bad_format_is_refused(value):
    assert not check_personal_id(value).ok


def test_each_prefix_has_exactly_one_check_digit():
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for second in "1289ABCD":
            prefix = f"{letter}{second}1234567"
            valid = [d for d in "0123456789" if is_valid_personal_id(prefix + d)]
            assert len(valid) == 1, prefix


def test_new_and_old_resident_certificates():
    assert check_personal_id(_complete("A80000000")).kind is IdKind.RESIDENT_NEW
    assert check_personal_id(_complete("A90000001")).kind is IdKind.RESIDENT_NEW
    old = _complete("AC1234567")
    assert check_personal_id(old).kind is IdKind.RESIDENT_OLD
    # the old format's second letter counts mod 10: C=12 → 2, so AC… has the check digit of A2…
    assert old[-1] == _complete("A21234567")[-1]


def test_input_is_normalised():
    assert check_personal_id(" a123456789 ").ok
    assert check_personal_id("Ａ１２３４５６７８９").ok  # full-width


def test_mask():
    assert mask_personal_id("A123456789") == "A12****789"
    assert mask_personal_id("short") == "*****"


@pytest.mark.parametrize("ubn", ["04595257", "22099131", "10458575", "12345675"])
def test_valid_ubn(ubn):
    assert is_valid_ubn(ubn), check_ubn(ubn)


def test_ubn_seventh_digit_seven_rule():
    # 1045857x: digit sums 1+0+4+1+8+1+(2+8)=25 before the last digit. With x=4 the total is 29:
    # not divisible by 5, but 29 + 1 is, which the rule allows because the 7th digit is 7.
    assert is_valid_ubn("10458574")
    assert not is_valid_ubn("10458573")  # 28, and 28 + 1 is not divisible either
    assert not is_valid_ubn("10458563")  # total 24: +1 would pass, but the 7th digit is not 7


@pytest.mark.parametrize("ubn", ["04595258", "1234567", "abcdefgh", "123456789", ""])
def test_invalid_ubn(ubn):
    assert not is_valid_ubn(ubn)
    assert check_ubn(ubn)
