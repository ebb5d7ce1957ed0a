from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UsernameField
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = UsernameField(max_length=150, widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("帳號或密碼不正確。連續輸入錯誤多次，帳號將暫時鎖定。"),
        "inactive": _("此帳號已停用，請洽系統管理者。"),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("帳號")
        self.fields["password"].label = _("密碼")
        self.fields["username"].error_messages["required"] = _("請輸入帳號。")
        self.fields["password"].error_messages["required"] = _("請輸入密碼。")

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            address_until = getattr(self.request, "jobdesk_address_locked_until", None)
            if address_until is not None:
                minutes = max(1, int((address_until - timezone.now()).total_seconds() // 60) + 1)
                raise forms.ValidationError(
                    _g(
                        "這個網路位址登入失敗的次數過多，已暫時停止受理登入，"
                        "請於約 %(minutes)d 分鐘後再試，或洽系統管理者。"
                    )
                    % {"minutes": minutes},
                    code="address_locked",
                ) from None
            locked_until = getattr(self.request, "jobdesk_locked_until", None)
            if locked_until is not None:
                minutes = max(1, int((locked_until - timezone.now()).total_seconds() // 60) + 1)
                raise forms.ValidationError(
                    _g(
                        "此帳號因連續登入失敗已暫時鎖定，請於約 %(minutes)d 分鐘後再試，"
                        "或洽系統管理者解除鎖定。"
                    )
                    % {"minutes": minutes},
                    code="locked",
                ) from None
            raise


class ZhPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("目前的密碼不正確，請重新輸入。"),
        "password_mismatch": _("兩次輸入的新密碼不一致。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("目前的密碼")
        self.fields["new_password1"].label = _("新密碼")
        self.fields["new_password2"].label = _("再次輸入新密碼")
        for field in self.fields.values():
            field.error_messages["required"] = _("此欄位必填。")
            if isinstance(field, forms.CharField):
                field.max_length = 128
                field.validators.append(MaxLengthValidator(128))
