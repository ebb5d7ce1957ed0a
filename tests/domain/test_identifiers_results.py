"""What the identifier checks hand back: the normalised value, the kind, and the exact message.

Forms show these messages to counsellors word for word, and ``value`` is what gets stored (and
hashed for look-up), so each is pinned here.
"""

import pytest

from jobdesk.domain.identifiers import IdCheck, IdKind, check_personal_id, check_ubn


def test_a_valid_id_comes_back_normalised_with_its_kind_and_no_error():
    assert check_personal_id(" a123-456 789 ") == IdCheck("A123456789", IdKind.NATIONAL_ID, "")


def test_hyphens_and_spaces_inside_are_dropped():
    assert check_personal_id("A12 345-6789").value == "A123456789"
    assert check_personal_id("A12 345-6789").ok


def test_an_empty_entry_asks_for_the_number():
    assert check_personal_id("   ") == IdCheck("", None, "請輸入身分證字號或統一證號。")


def test_a_malformed_entry_explains_the_format():
    assert check_personal_id("a3234567890") == IdCheck(
        "A3234567890",
        None,
        "格式不符：身分證字號為 1 個英文字母加 9 位數字（第 2 碼為 1 或 2），"
        "統一證號第 2 碼為 8、9 或 A–D。",
    )


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("A123456788", IdKind.NATIONAL_ID),
        ("A800000010", IdKind.RESIDENT_NEW),
        ("AC12345670", IdKind.RESIDENT_OLD),
    ],
)
def test_a_wrong_check_digit_keeps_the_kind_and_says_so(value, kind):
    result = check_personal_id(value)
    if result.ok:  # pick the one wrong digit for this prefix
        value = value[:-1] + str((int(value[-1]) + 1) % 10)
        result = check_personal_id(value)
    assert result == IdCheck(value, kind, "檢查碼不符，請再核對一次證號。")


def test_ubn_messages():
    assert check_ubn("22099131") == ""
    assert check_ubn("2209913") == "統一編號應為 8 位數字。"
    assert check_ubn("22099132") == "統一編號檢查碼不符，請再核對一次。"
