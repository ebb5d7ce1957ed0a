"""Forms of the privacy app. Every text field has a max length (hostile input is refused)."""

from __future__ import annotations

from django import forms

from jobdesk.common.versioning import version_field


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label="驗證碼",
        max_length=10,
        help_text="請輸入驗證器 App 顯示的 6 位數字。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if not ch.isspace())
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("驗證碼為 6 位數字。")
        return code


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label="調閱理由",
        max_length=500,
        min_length=4,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="您不是此求職者開案中個案的承辦人。調閱理由會記錄並通知督導。",
        error_messages={
            "min_length": "請具體說明調閱理由（至少 4 字）。",
            "max_length": "調閱理由最多 500 字。",
            "required": "請填寫調閱理由。",
        },
    )


class NoticeForm(forms.Form):
    method = forms.ChoiceField(label="告知方式", choices=[])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from jobdesk.privacy.models import NoticeMethod

        self.fields["method"].choices = NoticeMethod.choices  # type: ignore[attr-defined]


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label="請求類別", choices=[])
    received_on = forms.DateField(
        label="收件日", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    details = forms.CharField(
        label="請求內容",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "請求內容最多 2000 字。"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from jobdesk.privacy.models import RequestKind

        self.fields["kind"].choices = RequestKind.choices  # type: ignore[attr-defined]


class ExtendForm(forms.Form):
    reason = forms.CharField(label="延長理由", max_length=500)


class CompleteForm(forms.Form):
    outcome = forms.CharField(
        label="處理結果", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    refused = forms.BooleanField(label="不予受理／駁回", required=False)


class CorrectionForm(forms.Form):
    version = version_field()
    name = forms.CharField(label="姓名", max_length=60, required=False)
    phone = forms.CharField(label="電話", max_length=30, required=False)
    email = forms.EmailField(label="電子郵件", max_length=254, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
