"""Forms of the matching screens: match filters, recommend, employer reply, start, withdraw."""

from __future__ import annotations

from typing import Any

from django import forms

from jobdesk.common.versioning import version_field
from jobdesk.domain.matching import SeekerFilters, VacancyFilters
from jobdesk.domain.matching.profiles import SHIFT_LABELS
from jobdesk.matching.models import NotHiredReason, RecommendationStatus

SHIFT_CHOICES = [("", "不限"), *SHIFT_LABELS.items()]
REPLY_CHOICES = [
    (RecommendationStatus.INTERVIEW.value, "面試"),
    (RecommendationStatus.HIRED.value, "錄取"),
    (RecommendationStatus.NOT_HIRED.value, "未錄取"),
]


def _counties() -> list[tuple[str, str]]:
    from jobdesk.taxonomy.models import Township

    names = Township.objects.order_by("county").values_list("county", flat=True).distinct()
    return [("", "不限"), *((c, c) for c in names)]


class VacancyMatchFilterForm(forms.Form):
    county = forms.ChoiceField(label="縣市", required=False)
    occupation_prefix = forms.RegexField(
        label="職類代碼開頭",
        regex=r"^\d{1,4}$",
        max_length=4,
        required=False,
        error_messages={"invalid": "請輸入 1 到 4 位數字的職業代碼開頭。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )
    min_pay = forms.IntegerField(label="月薪至少（元）", min_value=0, required=False)
    shift = forms.ChoiceField(label="班別", choices=SHIFT_CHOICES, required=False)
    widen = forms.BooleanField(label="也列出職類、職稱不相關的職缺", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = _counties()  # type: ignore[attr-defined]

    @property
    def widened(self) -> bool:
        """Whether the counsellor asked for the unrelated vacancies too."""
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("widen"))

    def filters(self) -> VacancyFilters:
        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return VacancyFilters(
            county=d.get("county") or None,
            occupation_prefix=d.get("occupation_prefix") or None,
            min_pay=d.get("min_pay"),
            pay_basis="monthly",
            shifts=frozenset({d["shift"]}) if d.get("shift") else frozenset(),
        )


class SeekerMatchFilterForm(forms.Form):
    county = forms.ChoiceField(label="居住縣市", required=False)
    shift = forms.ChoiceField(label="可配合班別", choices=SHIFT_CHOICES, required=False)
    widen = forms.BooleanField(label="也列出期望職類、職稱不相關的求職者", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = _counties()  # type: ignore[attr-defined]

    @property
    def widened(self) -> bool:
        """Whether the officer asked for the seekers of unrelated trades too."""
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("widen"))

    def filters(self) -> SeekerFilters:
        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return SeekerFilters(
            county=d.get("county") or None,
            shifts=frozenset({d["shift"]}) if d.get("shift") else frozenset(),
        )


class RecommendForm(forms.Form):
    consent = forms.BooleanField(
        label="求職者已同意推介，並同意提供介紹卡所列個人資料給雇主",
        required=False,
    )
    note = forms.CharField(
        label="推介說明（給雇主或同事）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ReplyForm(forms.Form):
    version = version_field()
    outcome = forms.ChoiceField(label="雇主回覆", choices=REPLY_CHOICES, widget=forms.RadioSelect)
    interview_on = forms.DateField(
        label="面試日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.ChoiceField(
        label="未錄取原因",
        choices=[("", "—"), *NotHiredReason.choices],
        required=False,
    )
    note = forms.CharField(
        label="說明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class StartForm(forms.Form):
    version = version_field()
    start_date = forms.DateField(label="報到日", widget=forms.DateInput(attrs={"type": "date"}))
    pay = forms.IntegerField(label="薪資（元）", min_value=1)
    pay_basis = forms.ChoiceField(
        label="計薪方式", choices=[("monthly", "月薪"), ("hourly", "時薪")]
    )


class WithdrawForm(forms.Form):
    version = version_field()
    note = forms.CharField(
        label="撤回原因", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class RecommendationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="狀態", choices=[("", "全部"), *RecommendationStatus.choices], required=False
    )
    q = forms.CharField(label="求職者／職缺／雇主", required=False, max_length=100)
    mine = forms.BooleanField(label="只看我推介的", required=False)
