"""Forms of jobdesk.cases: they parse and check input; the services decide and save."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone

from jobdesk.accounts.models import User
from jobdesk.cases.models import (
    ActivityKind,
    ClosureReason,
    DevelopmentActivity,
    JobSeeker,
    LeadSource,
    NeedsAssessment,
    NeedsConfirmation,
    OutreachEvent,
    PayBasis,
    PlanStep,
    PlanStepStatus,
    Review,
    Shift,
    SkillsAssessment,
)
from jobdesk.cases.services.seekers import SCALAR_FIELDS
from jobdesk.common.forms import bounded_formfield, confirmation_field
from jobdesk.common.versioning import version_field
from jobdesk.domain.identifiers import check_personal_id
from jobdesk.standard.loader import standard_rows, task_choices
from jobdesk.taxonomy.forms import TaxonomyCodesField
from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, TargetGroup, Township
from jobdesk.taxonomy.places import resolve_township

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
_SPLIT = re.compile(r"[、,，;；\s]+")


class VersionedForm(forms.Form):
    """Carries the version of the record being changed (optimistic locking)."""

    version = version_field()


def _codes(text: str) -> list[str]:
    return [c for c in _SPLIT.split(text or "") if c]


class TownshipField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Township | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        found = resolve_township(text)
        if found is None:
            raise forms.ValidationError(f"找不到鄉鎮市區「{text}」，請輸入如「新北市三重區」。")
        return found

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Township):
            return value.full_name
        if isinstance(value, int):
            return getattr(Township.objects.filter(pk=value).first(), "full_name", "")
        return value


class TownshipListField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Township]:  # type: ignore[override]
        names = _codes(super().clean(value))
        found, unknown = [], []
        for name in names:
            township = resolve_township(name)
            (found.append(township) if township else unknown.append(name))
        if unknown:
            raise forms.ValidationError(f"找不到鄉鎮市區：{'、'.join(unknown)}。")
        return found

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "all") or isinstance(value, list | tuple):
            items = value.all() if hasattr(value, "all") else value
            return "、".join(getattr(t, "full_name", str(t)) for t in items)
        return value


class SeekerForm(VersionedForm):
    """求職登記. §5 protected grounds are not asked; birth date only for §24 status."""

    name = forms.CharField(label="姓名", max_length=60)
    national_id = forms.CharField(
        label="身分證字號／統一證號",
        max_length=12,
        help_text="僅存加密值，畫面與列印均遮蔽顯示。",
    )
    birth_date = forms.DateField(
        label="出生日期", required=False, widget=DATE, help_text="僅用於認定中高齡等特定對象身分。"
    )
    phone = forms.CharField(label="電話", max_length=30, required=False)
    email = forms.EmailField(label="電子郵件", required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    township = TownshipField(label="居住鄉鎮市區", help_text="例如：新北市三重區")
    education = forms.ModelChoiceField(
        label="教育程度", queryset=EducationLevel.objects.all(), required=False
    )
    experience_years = forms.DecimalField(
        label="工作年資（年）", required=False, min_value=0, max_value=70, decimal_places=1
    )
    work_history = forms.CharField(label="工作經歷", required=False, widget=TEXT, max_length=4000)
    skills = forms.CharField(label="專長技能", required=False, widget=TEXT, max_length=4000)
    licences = forms.CharField(label="證照", required=False, widget=TEXT, max_length=4000)
    desired_occupations = TaxonomyCodesField(
        Occupation,
        "職業",
        levels=[4],
        label="希望職業（職業標準分類）",
        help_text="代碼或名稱，例如：4110、廚師（以頓號或逗號分隔）",
    )
    desired_townships = TownshipListField(
        label="希望工作地點", help_text="例如：新北市三重區、臺北市大同區"
    )
    max_commute_km = forms.IntegerField(
        label="可接受通勤距離（公里）", required=False, min_value=0, max_value=300
    )
    pay_basis = forms.ChoiceField(label="希望待遇計薪方式", choices=PayBasis.choices)
    expected_pay_min = forms.IntegerField(label="希望待遇下限（元）", required=False, min_value=0)
    shifts = forms.MultipleChoiceField(
        label="可配合班別",
        choices=Shift.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_note = forms.CharField(label="工作時段說明", max_length=200, required=False)
    available_from = forms.DateField(label="可開始工作日", required=False, widget=DATE)
    target_groups = forms.ModelMultipleChoiceField(
        label="特定對象身分（就業服務法§24）",
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    economic_situation = forms.CharField(
        label="經濟狀況（敏感，加密保存）", required=False, widget=TEXT, max_length=4000
    )
    disability = forms.CharField(
        label="身心障礙情形（敏感，加密保存）", required=False, widget=TEXT, max_length=4000
    )
    health = forms.CharField(
        label="健康狀況（敏感，加密保存）", required=False, widget=TEXT, max_length=4000
    )

    notice_method = forms.ChoiceField(
        label="個資蒐集告知（個人資料保護法第8條）",
        choices=[("", "請選擇告知方式")],
        help_text="登記前須告知蒐集機關、目的、個資類別、利用期間地區對象方式、當事人權利及不提供之影響。",
        error_messages={"required": "請確認已告知個資蒐集事項並選擇告知方式。"},
    )

    SENSITIVE = ("economic_situation", "disability", "health")

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["national_id"]
            del self.fields["notice_method"]
        else:
            self.fields["version"].required = False  # 求職登記 creates the record
            from jobdesk.privacy.models import NoticeMethod

            field = self.fields["notice_method"]
            field.choices = [("", "請選擇告知方式"), *NoticeMethod.choices]  # type: ignore[attr-defined]

    def clean_national_id(self) -> str:
        """Checked here too, so every error shows at once (the service checks it again)."""
        check = check_personal_id(self.cleaned_data["national_id"])
        if not check.ok:
            raise forms.ValidationError(check.error)
        return check.value

    def data_for_service(self) -> dict[str, Any]:
        skip = {"version", "national_id", "notice_method", *self.SENSITIVE}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def sensitive_for_service(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k) or "" for k in self.SENSITIVE}

    @staticmethod
    def initial_from(seeker: JobSeeker) -> dict[str, Any]:
        initial: dict[str, Any] = {f: getattr(seeker, f) for f in SCALAR_FIELDS if f != "is_active"}
        initial["desired_occupations"] = list(seeker.desired_occupations.all())
        initial["desired_townships"] = list(seeker.desired_townships.all())
        initial["target_groups"] = list(seeker.target_groups.all())
        initial["version"] = seeker.version
        sensitive = getattr(seeker, "sensitive", None) if hasattr(seeker, "sensitive") else None
        if sensitive is not None:
            initial["economic_situation"] = sensitive.economic_situation_encrypted
            initial["disability"] = sensitive.disability_encrypted
            initial["health"] = sensitive.health_encrypted
        return initial


class SeekerSearchForm(forms.Form):
    q = forms.CharField(
        label="姓名、電話末碼或證號",
        required=False,
        max_length=200,
        help_text="姓名（可只輸入部分，如名字兩字）、電話末 3–6 碼，或完整身分證號。",
    )


class OutreachEventForm(forms.ModelForm):  # type: ignore[type-arg]
    township = TownshipField(label="鄉鎮市區", required=False)

    class Meta:
        formfield_callback = bounded_formfield
        model = OutreachEvent
        fields = ["title", "kind", "held_on", "place", "township", "notes"]
        widgets = {"held_on": DATE, "notes": TEXT}


class LeadForm(forms.Form):
    """Quick capture on a tablet: three big fields."""

    name = forms.CharField(
        label="姓名", max_length=60, widget=forms.TextInput(attrs={"class": "big"})
    )
    phone = forms.CharField(
        label="電話",
        max_length=30,
        widget=forms.TextInput(attrs={"class": "big", "inputmode": "tel", "autocomplete": "off"}),
    )
    interest = forms.CharField(
        label="想找的工作",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "big"}),
    )


class WalkInLeadForm(LeadForm):
    source = forms.ChoiceField(
        label="來源", choices=[c for c in LeadSource.choices if c[0] != LeadSource.EVENT]
    )


class AssessmentForm(VersionedForm, forms.ModelForm):  # type: ignore[type-arg,misc]
    class Meta:
        formfield_callback = bounded_formfield
        model = NeedsAssessment
        fields = [
            "interviewed_on",
            "help_requested",
            "service_explained",
            "skills_background",
            "economic_situation",
            "work_situation",
            "personal_situation",
            "competency_vs_market",
        ]
        widgets = {f: TEXT for f in fields[1:]} | {"interviewed_on": DATE}


class ConfirmationForm(VersionedForm, forms.ModelForm):  # type: ignore[type-arg,misc]
    class Meta:
        formfield_callback = bounded_formfield
        model = NeedsConfirmation
        fields = [
            "employment_goals",
            "training_needed",
            "job_search_activities",
            "resources_needed",
            "confirmed_on",
        ]
        widgets = {f: TEXT for f in fields[:-1]} | {"confirmed_on": DATE}


class PlanForm(VersionedForm):
    target_occupations = TaxonomyCodesField(
        Occupation,
        "職業",
        levels=[4],
        label="目標職業",
        required=True,
        help_text="代碼或名稱，例如：4110、廚師",
    )
    target_industries = TaxonomyCodesField(
        Industry, "行業", label="目標行業", help_text="代碼或名稱，例如：47、餐館"
    )
    target_townships = TownshipListField(
        label="目標地點", help_text="例如：新北市三重區、新北市蘆洲區"
    )
    personal_constraints = forms.CharField(
        label="個人狀況考量（P2.1.1）", required=False, widget=TEXT, max_length=4000
    )
    strategy = forms.CharField(label="接觸求職市場的策略（P2.1.2）", widget=TEXT, max_length=4000)
    agreed_on = forms.DateField(label="訂定日期", widget=DATE)


class PlanStepForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        formfield_callback = bounded_formfield
        model = PlanStep
        fields = ["description", "due_on", "owner"]
        widgets = {"due_on": DATE}


class StepStatusForm(VersionedForm):
    status = forms.ChoiceField(label="狀態", choices=PlanStepStatus.choices)


class SkillsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        formfield_callback = bounded_formfield
        model = SkillsAssessment
        fields = [
            "resume",
            "interview",
            "channels",
            "self_marketing",
            "networking",
            "areas_to_develop",
            "assessed_on",
        ]
        widgets = {"assessed_on": DATE, "areas_to_develop": TEXT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for f in ("resume", "interview", "channels", "self_marketing", "networking"):
            if f in data and data[f] is not None:
                data[f] = int(data[f])
        return data


class DevelopmentForm(forms.ModelForm):  # type: ignore[type-arg]
    # Asked, never assumed: a pre-ticked 「正式活動」 counted every self-study as a course.
    formal = forms.TypedChoiceField(
        label="活動性質（P2.2.2）",
        choices=[("yes", "正式活動（課程、工作坊）"), ("no", "非正式活動（自學、練習、同儕交流）")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "請選擇正式或非正式活動。"},
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = DevelopmentActivity
        fields = ["title", "formal", "held_on", "attended", "notes"]
        widgets = {"held_on": DATE, "notes": TEXT}


class ReviewForm(VersionedForm, forms.ModelForm):  # type: ignore[type-arg,misc]
    next_review_on = forms.DateField(
        label="下次評估日", required=False, widget=DATE, help_text="空白時依據點的評估間隔排定。"
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = Review
        fields = [
            "reviewed_on",
            "strategy_assessment",
            "effectiveness",
            "assistance_adequate",
            "development_plan",
            "agreed_with_seeker",
            "next_review_on",
        ]
        widgets = {
            "reviewed_on": DATE,
            "strategy_assessment": TEXT,
            "effectiveness": TEXT,
            "development_plan": TEXT,
        }


def _indicator_choices() -> list[tuple[str, str]]:
    """Each behaviour indicator with its text: a counsellor ticks what she did, not a code."""
    return [
        (r["code"], f"{r['code']} {r['title']}")
        for r in standard_rows()
        if r["kind"] == "indicator"
    ]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=ActivityKind.choices)
    task_code = forms.ChoiceField(label="職能基準工作任務", choices=task_choices)
    indicator_codes = forms.MultipleChoiceField(
        label="行為指標",
        choices=_indicator_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    occurred_at = forms.DateTimeField(
        label="時間",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
    )
    duration_minutes = forms.IntegerField(label="時間長度（分鐘）", initial=30)
    notes = forms.CharField(label="紀錄", widget=TEXT, max_length=4000)


class PlacementForm(VersionedForm):
    employer_label = forms.CharField(label="雇主", max_length=200)
    vacancy_label = forms.CharField(label="職缺", max_length=200)
    start_date = forms.DateField(label="到職日", widget=DATE)
    pay = forms.IntegerField(label="薪資（元）", min_value=1)
    pay_basis = forms.ChoiceField(label="計薪方式", choices=PayBasis.choices)


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label="追蹤日期", widget=DATE, initial=timezone.localdate)
    still_employed = forms.TypedChoiceField(
        label="就業狀況",
        choices=[("yes", "仍在職"), ("no", "已離職")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    pay = forms.IntegerField(label="目前薪資（元）", required=False, min_value=1)
    leaving_reason = forms.CharField(label="離職原因", max_length=200, required=False)
    notes = forms.CharField(label="說明", required=False, widget=TEXT, max_length=4000)
    confirm = confirmation_field("我已了解這次追蹤早於預定日，仍要記錄")


class ClosureRequestForm(VersionedForm):
    reason = forms.ChoiceField(label="結案原因", choices=ClosureReason.choices)
    outcome = forms.CharField(label="服務成效", widget=TEXT, max_length=4000)
    improvement_strategy = forms.CharField(label="改善策略（P3.4.1）", widget=TEXT, max_length=4000)
    confirm = confirmation_field("我已了解尚有未結束的轉介或追蹤，仍要申請結案")


class DecisionForm(forms.Form):
    comment = forms.CharField(label="督導意見", required=False, widget=TEXT, max_length=4000)


class ReopenForm(VersionedForm):
    reason = forms.CharField(label="重新開案原因", widget=TEXT, max_length=4000)


class ReassignForm(VersionedForm):
    counsellor: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="改派給", queryset=User.objects.none()
    )

    def __init__(self, *args: Any, counsellors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["counsellor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = counsellors


class CaseloadFilterForm(forms.Form):
    status = forms.ChoiceField(label="狀態", required=False)
    due = forms.ChoiceField(
        label="到期",
        required=False,
        choices=[("", "全部"), ("overdue", "已逾期"), ("week", "7 天內到期")],
    )
    sort = forms.ChoiceField(label="排序", required=False)
    counsellor: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="就業服務員", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, counsellors: Any = None, **kwargs: Any) -> None:
        from jobdesk.cases.models import CaseStatus
        from jobdesk.cases.selectors import CASELOAD_SORTS

        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", "全部"), *[c for c in CaseStatus.choices if c[0] != "closed"]]
        sort = self.fields["sort"]
        assert isinstance(sort, forms.ChoiceField)
        sort.choices = list(CASELOAD_SORTS.items())
        field = self.fields["counsellor"]
        assert isinstance(field, forms.ModelChoiceField)
        if counsellors is None:
            del self.fields["counsellor"]
        else:
            field.queryset = counsellors


class TransferRequestForm(VersionedForm):
    to_office: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="移轉至", queryset=User.objects.none(), empty_label="請選擇接收的據點"
    )
    reason = forms.CharField(
        label="移轉原因", widget=TEXT, max_length=1000, help_text="例如：求職者遷居至接收據點轄區。"
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offices


class TransferDecideForm(forms.Form):
    counsellor: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="接收後由誰負責", queryset=User.objects.none(), required=False
    )
    note = forms.CharField(
        label="說明（不予接收時必填）", widget=TEXT, max_length=1000, required=False
    )

    def __init__(self, *args: Any, counsellors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["counsellor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = counsellors
