"""A service's ValidationError lands on its field, or form-wide when the form lacks it."""

from django import forms
from django.core.exceptions import ValidationError

from jobdesk.common.forms import attach_service_errors


class _Form(forms.Form):
    name = forms.CharField(max_length=10, required=False)


def test_field_errors_go_to_their_field_and_unknown_fields_become_form_wide():
    form = _Form({"name": "x"})
    assert form.is_valid()
    attach_service_errors(
        form, ValidationError({"name": "姓名不可空白。", "national_id": "檢查碼不符。"})
    )
    assert form.errors["name"] == ["姓名不可空白。"]
    assert form.non_field_errors() == ["檢查碼不符。"]


def test_a_plain_message_is_form_wide():
    form = _Form({})
    assert form.is_valid()
    attach_service_errors(form, ValidationError("這筆資料已被其他人修改。"))
    assert form.non_field_errors() == ["這筆資料已被其他人修改。"]
