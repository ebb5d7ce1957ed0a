"""The administrator's token screen: a token for a member of staff or a new service account."""

from __future__ import annotations

from typing import Any

from django import forms

from jobdesk.accounts.models import Office, User
from jobdesk.accounts.roles import ADMIN_ROLES, Role
from jobdesk.api.scopes import SCOPE_CHOICES
from jobdesk.api.services import MAX_DAYS, SERVICE_ROLES


class TokenForm(forms.Form):
    FOR_STAFF, FOR_SERVICE = "staff", "service"

    name = forms.CharField(
        label="權杖名稱",
        max_length=100,
        help_text="由誰、在哪個系統使用，例如「新北市個案系統同步」。",
    )
    holder = forms.ChoiceField(
        label="代表的帳號",
        choices=[(FOR_STAFF, "既有的工作人員（個人存取權杖）"), (FOR_SERVICE, "新的服務帳號")],
        widget=forms.RadioSelect,
        initial=FOR_SERVICE,
    )
    user = forms.ModelChoiceField(
        label="工作人員",
        queryset=User.objects.none(),
        required=False,
        help_text="個人存取權杖：以此人的據點與角色存取。",
    )
    username = forms.RegexField(
        label="服務帳號名稱",
        regex=r"^[a-z0-9][a-z0-9_-]{2,40}$",
        required=False,
        max_length=41,
        error_messages={"invalid": "帳號名稱須為 3–41 個小寫英數字、底線或連字號。"},
    )
    display_name = forms.CharField(label="服務帳號顯示名稱", max_length=60, required=False)
    office = forms.ModelChoiceField(
        label="服務帳號所屬據點", queryset=Office.objects.filter(is_active=True), required=False
    )
    role = forms.ChoiceField(
        label="服務帳號角色",
        choices=[("", "—"), *[(r.value, r.label) for r in SERVICE_ROLES]],
        required=False,
    )
    description = forms.CharField(label="用途說明", max_length=300, required=False)
    scopes = forms.MultipleChoiceField(
        label="權限範圍",
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="寫入包含讀取。只勾選這個系統需要的範圍。",
    )
    days = forms.IntegerField(
        label="有效天數",
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        help_text="到期後須重新建立。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.queryset = (
            User.objects.filter(is_active=True, office__isnull=False, service_account=None)
            .exclude(role__in=ADMIN_ROLES)
            .exclude(role=Role.AUDITOR)
            .order_by("username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("holder") == self.FOR_STAFF and not data.get("user"):
            self.add_error("user", "請選擇工作人員。")
        if data.get("holder") == self.FOR_SERVICE:
            for name, message in (
                ("username", "請填寫服務帳號名稱。"),
                ("office", "請選擇據點。"),
                ("role", "請選擇角色。"),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data
