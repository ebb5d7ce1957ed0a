"""Identifiers checked against test data made from the specifications, not from the code.

The expected answers here come from an implementation written in this file from the published
rules, independent of ``jobdesk.domain.identifiers`` (it shares no table, constant or function
with it):

* 身分證字號 and 統一證號, 內政部: the first letter stands for a two-digit number. The ministry
  publishes the letters in the order of their numbers, 10 upwards:
  ``ABCDEFGHJKLMNPQRSTUVXYWZIO`` (I, O, W and Z were added after the others, hence the order).
  The two digits of the letter, then the nine remaining digits, are weighted 1,9,8,7,6,5,4,3,2,1,1
  and the total must be a multiple of 10. In the old 統一證號 (second character A–D) the second
  letter counts as the ones digit of its own number (A→0, B→1, C→2, D→3).
* 統一編號, 財政部: weights 1,2,1,2,1,2,4,1; each product is written down and its tens and ones
  digits are added; the total must be a multiple of 5 (since 2023; before, of 10). When the seventh
  digit is 7, its product 28 gives 2+8 = 10, whose digits may be read again as 1 + 0: either
  reading making the total a multiple of 5 is valid.

A literal table of one valid 身分證字號 per letter (worked by hand from the rule above) pins the
independent implementation itself, so a mistake in it cannot agree silently with the code.
"""

from __future__ import annotations

import itertools

import pytest

from jobdesk.domain.identifiers import IdKind, check_personal_id, is_valid_personal_id
from jobdesk.domain.identifiers import is_valid_ubn as product_is_valid_ubn

# 內政部: letters listed in the order of their numbers 10, 11, 12, …, 35.
MOI_LETTER_ORDER = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
WEIGHTS_PERSONAL = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1]


def moi_number(letter: str) -> int:
    return 10 + MOI_LETTER_ORDER.index(letter)


def spec_check_digit(letter: str, second: str, body7: str) -> str:
    """The check digit (10th character) that the 內政部 rule gives for ``letter second body7``."""
    number = moi_number(letter)
    second_value = int(second) if second.isdigit() else moi_number(second) % 10
    digits = [number // 10, number % 10, second_value, *map(int, body7)]
    partial = sum(w * d for w, d in zip(WEIGHTS_PERSONAL[:10], digits, strict=True))
    return str((10 - partial % 10) % 10)  # the last weight is 1


def test_the_letter_order_is_the_ministrys():
    # A handful of values everyone who has written the check knows by heart.
    assert [moi_number(c) for c in "AHIJOWXYZ"] == [10, 17, 34, 18, 35, 32, 30, 31, 33]
    assert sorted(MOI_LETTER_ORDER) == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


# One valid 身分證字號 per letter, sex digit 1 and body 1234567, worked out by hand. The nine digits
# after the letter weigh 8·1 + 7·1 + 6·2 + 5·3 + 4·4 + 3·5 + 2·6 + 1·7 = 92; the letter's two
# digits weigh 1 and 9 (B = 11: 1 + 9 = 10); the check digit brings the total to a multiple of 10.
#   letter sum:  A 1  B 10  C 19  D 28  E 37  F 46  G 55  H 64  I 39  J 73  K 82  L 2  M 11
#                N 20  O 48  P 29  Q 38  R 47  S 56  T 65  U 74  V 83  W 21  X 3  Y 12  Z 30
# e.g. I = 34: 3 + 36 = 39; 39 + 92 = 131 → check digit 9.
HAND_WORKED = {
    "A": "A112345677", "B": "B112345678", "C": "C112345679", "D": "D112345670",
    "E": "E112345671", "F": "F112345672", "G": "G112345673", "H": "H112345674",
    "I": "I112345679", "J": "J112345675", "K": "K112345676", "L": "L112345676",
    "M": "M112345677", "N": "N112345678", "O": "O112345670", "P": "P112345679",
    "Q": "Q112345670", "R": "R112345671", "S": "S112345672", "T": "T112345673",
    "U": "U112345674", "V": "V112345675", "W": "W112345677", "X": "X112345675",
    "Y": "Y112345676", "Z": "Z112345678",
}  # fmt: skip


def test_the_independent_rule_agrees_with_the_hand_worked_table():
    for letter, value in HAND_WORKED.items():
        assert spec_check_digit(letter, value[1], value[2:9]) == value[9], value


@pytest.mark.parametrize("letter", list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_hand_worked_id_for_every_letter_passes(letter):
    result = check_personal_id(HAND_WORKED[letter])
    assert result.ok, result.error
    assert result.kind is IdKind.NATIONAL_ID


BODIES = ["0000000", "1234567", "7654321", "9999999", "5050505", "3141592"]


@pytest.mark.parametrize("letter", list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_every_letter_national_id_and_new_resident_certificate(letter):
    for second, body in itertools.product("1289", BODIES):
        good = spec_check_digit(letter, second, body)
        value = f"{letter}{second}{body}"
        kind = IdKind.NATIONAL_ID if second in "12" else IdKind.RESIDENT_NEW
        result = check_personal_id(value + good)
        assert result.ok, (value + good, result.error)
        assert result.kind is kind
        for bad in set("0123456789") - {good}:
            refused = check_personal_id(value + bad)
            assert not refused.ok, value + bad
            assert "檢查碼" in refused.error


@pytest.mark.parametrize("letter", list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_every_letter_old_resident_certificate(letter):
    for second, body in itertools.product("ABCD", BODIES):
        good = spec_check_digit(letter, second, body)
        value = f"{letter}{second}{body}"
        result = check_personal_id(value + good)
        assert result.ok, (value + good, result.error)
        assert result.kind is IdKind.RESIDENT_OLD
        for bad in set("0123456789") - {good}:
            assert not is_valid_personal_id(value + bad), value + bad


@pytest.mark.parametrize(
    "value",
    [
        "A323456789",
        "A023456789",
        "AE12345678",
        "A1234567890",
        "A12345678",
        "1123456789",
        "A1234567A9",
    ],
)
def test_other_second_characters_and_shapes_are_refused(value):
    result = check_personal_id(value)
    assert not result.ok
    assert "格式不符" in result.error


# ---------------------------------------------------------------- 統一編號 (財政部)
UBN_WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1]


def spec_ubn_totals(number: str) -> set[int]:
    """Every total the 財政部 rule allows reading for ``number`` (two when the 7th digit is 7)."""
    total = 0
    for weight, char in zip(UBN_WEIGHTS, number, strict=True):
        product = weight * int(char)
        total += sum(int(d) for d in str(product))  # tens + ones
    if number[6] == "7":
        # 7 × 4 = 28 → 2 + 8 = 10 above; read 10 again as 1 + 0 = 1: the total less 9.
        return {total, total - 9}
    return {total}


def spec_ubn_valid(number: str, divisor: int = 5) -> bool:
    return any(t % divisor == 0 for t in spec_ubn_totals(number))


# Well-known registered numbers (published on the companies' own documents).
PUBLISHED_UBNS = ["22099131", "04595257", "86517510", "03244509"]


@pytest.mark.parametrize("ubn", PUBLISHED_UBNS)
def test_published_numbers_pass_both_the_spec_and_the_product(ubn):
    assert spec_ubn_valid(ubn, divisor=10)  # registered before 2023: the old rule held too
    assert product_is_valid_ubn(ubn)


def _ubns():
    # A spread of numbers: every 7th digit, and enough variety in the others to hit all remainders.
    for seventh in "0123456789":
        for head in ("000000", "123456", "987654", "104585", "220991", "555555", "314159"):
            for last in "0123456789":
                yield head + seventh + last


def test_ubn_matches_the_spec_on_a_spread_of_numbers():
    disagreements = [n for n in _ubns() if product_is_valid_ubn(n) != spec_ubn_valid(n)]
    assert disagreements == []


def test_the_2023_divisor_five_rule_is_applied():
    # given: numbers whose total is a multiple of 5 but not of 10 (refused before 2023)
    only_new = [n for n in _ubns() if spec_ubn_valid(n) and not spec_ubn_valid(n, divisor=10)]
    assert len(only_new) > 50
    # then
    assert all(product_is_valid_ubn(n) for n in only_new)


def test_the_seventh_digit_seven_reading():
    sevens = [n for n in _ubns() if n[6] == "7"]
    # valid only through the second reading (total − 9): must pass
    second_reading_only = [
        n for n in sevens if spec_ubn_valid(n) and max(spec_ubn_totals(n)) % 5 != 0
    ]
    assert second_reading_only
    assert all(product_is_valid_ubn(n) for n in second_reading_only)
    # neither reading: refused
    neither = [n for n in sevens if not spec_ubn_valid(n)]
    assert neither
    assert not any(product_is_valid_ubn(n) for n in neither)
    # the same "total + 1" remainder without a 7 in 7th place is refused
    not_seven = [
        n
        for n in _ubns()
        if n[6] != "7" and not spec_ubn_valid(n) and (max(spec_ubn_totals(n)) + 1) % 5 == 0
    ]
    assert not_seven
    assert not any(product_is_valid_ubn(n) for n in not_seven)


@pytest.mark.parametrize("value", ["", "1234567", "123456789", "1234567a", "12 34567"])
def test_ubn_shape(value):
    assert not product_is_valid_ubn(value)
