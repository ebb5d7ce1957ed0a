"""Forms of the referral path. Every text has a max length: oversize input gets a clear message."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from jobdesk.privacy import data_items
from jobdesk.referrals.models import Outcome, ReferralResource, ReplyKind, ResourceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: str, limit: int, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label}最多 {limit} 字。", "required": f"請填寫{label}。"},
    )


class ResourceSearchForm(forms.Form):
    q = forms.CharField(label="關鍵字", max_length=100, required=False)
    kind = forms.ChoiceField(
        label="類別", choices=[("", "全部"), *ResourceKind.choices], required=False
    )
    county = forms.CharField(label="服務縣市", max_length=10, required=False)


class ReferralForm(forms.Form):
    """O3.3.1 轉介評估表."""

    resource = forms.ModelChoiceField(
        label="轉介資源", queryset=ReferralResource.objects.filter(is_active=True)
    )
    situation = _text("求職者狀況評估", 4000, rows=4)
    need = _text("轉介需求", 4000)
    reason_for_resource = _text("選擇此資源之理由", 2000)
    receiving_contact = forms.CharField(label="受轉介單位聯絡人", max_length=200, required=False)
    data_items = forms.MultipleChoiceField(
        label="轉介時提供之資料項目",
        choices=data_items.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="依就業服務法第 9 條，只勾選轉介所需的項目；轉介資料只會包含勾選的項目。",
        error_messages={"required": "請勾選轉介時提供的資料項目。"},
    )
    purpose_text = _text("轉介目的", 2000, rows=2)
    consent_valid_months = forms.IntegerField(
        label="同意有效月數", min_value=1, max_value=24, initial=6
    )


class ConfirmNeedForm(forms.Form):
    confirmed_on = forms.DateField(label="確認日期", widget=DATE, initial=timezone.localdate)
    note = _text("確認需求紀錄", 2000, rows=2)


class SignForm(forms.Form):
    """O3.3.2: a drawn signature (PNG data URL from the canvas) or a scan of the signed paper."""

    explained = forms.BooleanField(
        label="已向求職者說明轉介流程、提供之資料、目的、期間、其權利及拒絕之影響",
        required=False,
    )
    method = forms.ChoiceField(
        label="簽署方式",
        choices=[("drawn", "平板簽名"), ("scanned", "紙本簽署掃描上傳")],
        widget=forms.RadioSelect,
        initial="drawn",
    )
    signature_data = forms.CharField(
        required=False,
        widget=forms.HiddenInput(attrs={"data-signature-input": ""}),
        max_length=800_000,
        error_messages={"max_length": "簽名圖檔過大（上限 512 KB）。"},
    )
    scan = forms.FileField(
        label="已簽名同意書掃描檔",
        required=False,
        help_text="PNG、JPEG 或 PDF，5 MB 以內。",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,application/pdf"}),
    )


class SendForm(forms.Form):
    sent_on = forms.DateField(label="轉介日期", widget=DATE, initial=timezone.localdate)
    method = forms.CharField(label="轉介方式", max_length=100, initial="公文（轉介單）")


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(label="受轉介單位回覆", choices=ReplyKind.choices)
    replied_on = forms.DateField(label="回覆日期", widget=DATE, initial=timezone.localdate)
    note = _text("回覆說明", 2000, required=False, rows=2)
    next_follow_up_on = forms.DateField(label="下次追蹤日", widget=DATE, required=False)


class FollowUpForm(forms.Form):
    note = _text("追蹤內容", 2000, rows=2)
    next_follow_up_on = forms.DateField(label="下次追蹤日", widget=DATE, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="轉介結果", choices=Outcome.choices)
    note = _text("結果說明／未成功原因", 2000, required=False, rows=2)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回說明", max_length=500, required=False)


ACTION_FORMS: dict[str, type[forms.Form]] = {
    "confirm": ConfirmNeedForm,
    "send": SendForm,
    "reply": ReplyForm,
    "follow_up": FollowUpForm,
    "outcome": OutcomeForm,
    "withdraw": WithdrawForm,
}
