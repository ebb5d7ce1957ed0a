"""Forms of the statutory screens: they parse; the services validate and decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from jobdesk.common.versioning import version_field
from jobdesk.statutory.models import EndReason, ReplyResult, SearchMethod, SearchResult, SubsidyKind
from jobdesk.taxonomy.models import TargetGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today() -> datetime.date:
    return timezone.localdate()


class VersionForm(forms.Form):
    version = version_field()


class ClaimForm(forms.Form):
    registered_at = forms.DateTimeField(
        label="求職登記時間",
        required=False,
        help_text="空白表示現在；補登既有申請時填寫原登記時間（臺北時間）。",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    separated_on = forms.DateField(label="離職退保日", widget=DATE)
    employer_name = forms.CharField(label="原投保單位", max_length=120)
    separation_reason = forms.CharField(label="非自願離職原因", max_length=200)
    avg_insured_salary = forms.IntegerField(
        label="離職前六個月平均月投保薪資（元）", min_value=1, max_value=500_000
    )
    dependants = forms.IntegerField(label="扶養眷屬人數", min_value=0, max_value=20, initial=0)
    extended_duration = forms.BooleanField(
        label="年滿45歲或領有身心障礙證明（最長給付九個月）", required=False
    )


class TrainingForm(VersionForm):
    on = forms.DateField(label="安排日期", widget=DATE, initial=_today)
    note = forms.CharField(label="訓練課程", max_length=2000)


class CertifyForm(VersionForm):
    certified_on = forms.DateField(label="失業認定日", widget=DATE, initial=_today)


class EndForm(VersionForm):
    reason = forms.ChoiceField(
        label="結束原因", choices=[*EndReason.choices, ("refused", "不予受理（就業保險法第15條）")]
    )
    ended_on = forms.DateField(label="結束日", widget=DATE, initial=_today)
    note = forms.CharField(label="說明", max_length=2000, required=False, widget=forms.Textarea)


class SearchRecordForm(forms.Form):
    searched_on = forms.DateField(label="求職日期", widget=DATE)
    employer_name = forms.CharField(label="求職單位名稱", max_length=120)
    employer_address = forms.CharField(label="地址", max_length=200)
    employer_phone = forms.CharField(label="電話", max_length=30)
    contact_person = forms.CharField(label="聯絡人", max_length=60, required=False)
    job_title = forms.CharField(label="應徵職務", max_length=120, required=False)
    method = forms.ChoiceField(label="求職方式", choices=SearchMethod.choices)
    result = forms.ChoiceField(label="結果", choices=SearchResult.choices)


class RecertForm(VersionForm):
    attended_on = forms.DateField(label="親自辦理日", widget=DATE, initial=_today)


class StopForm(VersionForm):
    note = forms.CharField(label="說明", max_length=2000)


class ReplyCardForm(forms.Form):
    received_on = forms.DateField(label="回覆卡送達日", widget=DATE, initial=_today)
    result = forms.ChoiceField(label="推介結果", choices=ReplyResult.choices)
    refusal_ground = forms.ChoiceField(label="不接受之法定理由", required=False)
    offered_wage = forms.IntegerField(
        label="雇主提供之月工資（元）",
        required=False,
        min_value=0,
        help_text="空白時以職缺刊登之月薪上限計算。",
    )
    measured_km = forms.FloatField(
        label="實測距離（公里）",
        required=False,
        min_value=0,
        help_text="空白時以居住與工作鄉鎮市區中心點之距離計算。",
    )
    note = forms.CharField(label="說明", max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, grounds: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["refusal_ground"]
        field.choices = [("", "—")] + [
            (g["code"], f"{g['label']}（{g['basis']}）") for g in grounds
        ]


class SubsidyForm(forms.Form):
    applied_on = forms.DateField(label="申請日", widget=DATE, initial=_today)
    amount_requested = forms.IntegerField(label="申請金額（元）", min_value=1)
    recommendation = forms.ChoiceField(label="介紹卡（推介）", required=False)
    special_reason = forms.CharField(
        label="情形特殊之說明（核實發給）", max_length=2000, required=False, widget=forms.Textarea
    )
    work_unit = forms.CharField(label="用人單位", max_length=120, required=False)
    hours_per_month = forms.IntegerField(label="每月工作時數", min_value=1, required=False)
    months = forms.IntegerField(label="申請月數", min_value=1, max_value=24, required=False)
    start_on = forms.DateField(label="起始日", widget=DATE, required=False)
    course_name = forms.CharField(label="訓練課程", max_length=120, required=False)
    course_hours_per_month = forms.IntegerField(label="每月訓練時數", min_value=1, required=False)

    FIELDS_BY_KIND = {
        SubsidyKind.TRANSPORT: [
            "applied_on",
            "recommendation",
            "amount_requested",
            "special_reason",
        ],
        SubsidyKind.TEMP_WORK: [
            "applied_on",
            "work_unit",
            "start_on",
            "hours_per_month",
            "months",
            "amount_requested",
        ],
        SubsidyKind.TRAINING: [
            "applied_on",
            "course_name",
            "start_on",
            "course_hours_per_month",
            "months",
            "amount_requested",
        ],
    }

    def __init__(self, *args: Any, kind: str, recommendations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.FIELDS_BY_KIND[SubsidyKind(kind)]:
                del self.fields[name]
        if "recommendation" in self.fields:
            field: Any = self.fields["recommendation"]
            field.required = True
            field.choices = [("", "—")] + [
                (str(r.public_id), f"{timezone.localdate(r.recommended_at)} {r.vacancy}")
                for r in recommendations
            ]


class DocumentsForm(VersionForm):
    documents = forms.MultipleChoiceField(
        label="已檢附文件", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, documents: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["documents"]
        field.choices = [(d["code"], d["label"]) for d in documents]


class DecisionForm(VersionForm):
    approve = forms.TypedChoiceField(
        label="審核結果",
        choices=[("1", "核准"), ("0", "不予核准")],
        coerce=lambda v: v == "1",
    )
    amount_approved = forms.IntegerField(label="核定金額（元）", min_value=1, required=False)
    note = forms.CharField(label="審核說明", max_length=2000, required=False, widget=forms.Textarea)


class TargetGroupForm(forms.Form):
    group_code = forms.ModelChoiceField(
        label="特定對象身分", queryset=TargetGroup.objects.all(), to_field_name="code"
    )
    proof = forms.CharField(
        label="查驗之證明文件（名稱、字號）", max_length=500, widget=forms.Textarea
    )
    verified_on = forms.DateField(label="查驗日", widget=DATE, initial=_today)
    valid_until = forms.DateField(label="證明有效期限", widget=DATE, required=False)
    consent = forms.BooleanField(
        label="求職者已閱讀並同意：身分及證明資料僅用於就業促進津貼等資格審核，不用於媒合",
        required=False,
    )
