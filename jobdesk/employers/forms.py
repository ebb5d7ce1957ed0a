"""Forms of the employers app: they parse and check input; services do the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms

from jobdesk.common.forms import bounded_formfield
from jobdesk.common.versioning import version_field
from jobdesk.domain.identifiers import check_ubn
from jobdesk.employers.models import DisputeKind, Employer, PayBasis, Shift, Vacancy, VacancyStatus
from jobdesk.employers.selectors import SORTS, VacancyFilter
from jobdesk.employers.services.vacancies import VACANCY_FIELDS
from jobdesk.taxonomy.forms import TaxonomyCodeField
from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, Township

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def county_choices() -> list[tuple[str, str]]:
    counties = Township.objects.order_by("zip3").values_list("county", flat=True)
    seen: list[str] = []
    for county in counties:
        if county not in seen:
            seen.append(county)
    return [("", "—")] + [(c, c) for c in seen]


class OccupationField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class EmployerForm(forms.ModelForm):  # type: ignore[type-arg]
    version = version_field(required=False)  # required when editing (see __init__)

    class Meta:
        formfield_callback = bounded_formfield
        model = Employer
        fields = [
            "name",
            "ubn",
            "industry",
            "township",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["industry"]).queryset = Industry.objects.filter(level__gte=2)
        self.fields["ubn"].help_text = "8 位數字，系統會檢查檢查碼。"
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def clean_ubn(self) -> str:
        ubn: str = self.cleaned_data.get("ubn", "").strip()
        if ubn and (error := check_ubn(ubn)):
            raise forms.ValidationError(error)
        return ubn

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service, with its own message."""


class DisputeForm(forms.Form):
    kind = forms.ChoiceField(label="爭議類型", choices=DisputeKind.choices)
    started_on = forms.DateField(label="開始日", widget=DATE)
    ended_on = forms.DateField(label="結束日（未結束請留空）", widget=DATE, required=False)
    note = forms.CharField(label="說明", max_length=300, required=False)


class LiftDisputeForm(forms.Form):
    ended_on = forms.DateField(label="爭議結束日", widget=DATE)


class VacancyForm(forms.ModelForm):  # type: ignore[type-arg]
    version = version_field(required=False)  # required when editing (see __init__)
    employer = forms.ModelChoiceField(label="雇主", queryset=Employer.objects.none())
    occupation = OccupationField(
        label="職業（細類）",
        queryset=Occupation.objects.filter(level=4),
        required=False,
        help_text="未選擇時，系統會依職缺名稱與內容建議職業代碼，由您確認。",
    )
    county = forms.ChoiceField(label="工作縣市", choices=(), required=False)
    township = forms.ModelChoiceField(
        label="工作鄉鎮市區", queryset=Township.objects.all(), required=False
    )
    shifts = forms.MultipleChoiceField(
        label="班別", choices=Shift.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    education = forms.ModelChoiceField(
        label="最低學歷", queryset=EducationLevel.objects.all(), required=False
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = Vacancy
        fields = ["employer", *VACANCY_FIELDS]
        widgets = {"opens_on": DATE, "closes_on": DATE}

    def __init__(self, *args: Any, employers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["county"]).choices = county_choices()
        if self.instance.pk:
            del self.fields["employer"]
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        else:
            cast(Any, self.fields["employer"]).queryset = employers
        self.fields[
            "pay_min"
        ].help_text = "月薪未達新臺幣四萬元者，須公開揭示薪資範圍（就業服務法第5條）。"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("county") and not data.get("township"):
            self.add_error("county", "請選擇工作縣市或鄉鎮市區。")
        basis = data.get("pay_basis")
        if (
            basis
            and basis != PayBasis.NEGOTIABLE
            and not (data.get("pay_min") or data.get("pay_max"))
        ):
            self.add_error("pay_min", "請填寫薪資下限（面議請選擇「面議」）。")
        return data

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"employer", "version"}}

    def validate_unique(self) -> None:
        """Uniqueness of source ids is the importer's; nothing to check here."""


class VacancyFilterForm(forms.Form):
    q = forms.CharField(
        label="關鍵字",
        required=False,
        max_length=200,
        help_text="找職缺名稱、工作內容與雇主名稱（兩個字以上）。",
    )
    occupation = forms.CharField(
        label="職業代碼", required=False, max_length=4, help_text="任一層級：1、51、512、5120"
    )
    county = forms.ChoiceField(label="縣市", required=False)
    township = forms.ModelChoiceField(
        label="鄉鎮市區", queryset=Township.objects.all(), required=False
    )
    within_km = forms.IntegerField(
        label="距離（公里內）", required=False, min_value=1, max_value=300
    )
    pay_basis = forms.ChoiceField(
        label="薪資方式", choices=[("", "—"), *PayBasis.choices], required=False
    )
    pay_at_least = forms.IntegerField(label="薪資至少", required=False, min_value=0)
    shift = forms.ChoiceField(label="班別", choices=[("", "—"), *Shift.choices], required=False)
    status = forms.ChoiceField(
        label="狀態", choices=[("", "全部"), *VacancyStatus.choices], required=False
    )
    open_findings = forms.BooleanField(label="有未處理的§5檢核結果", required=False)
    sort = forms.ChoiceField(
        label="排序",
        choices=[
            ("newest", "最新"),
            ("closing", "即將截止"),
            ("pay", "薪資高至低"),
            ("title", "名稱"),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["county"]).choices = county_choices()

    def clean_occupation(self) -> str:
        code: str = self.cleaned_data.get("occupation", "").strip()
        if code and not code.isdigit():
            raise forms.ValidationError("職業代碼須為 1 到 4 位數字。")
        return code

    def to_filter(self) -> VacancyFilter:
        return vacancy_filter_of(self.cleaned_data)


def vacancy_filter_of(d: Mapping[str, Any]) -> VacancyFilter:
    """The cleaned data of ``VacancyFilterForm`` as the selectors' ``VacancyFilter``."""
    return VacancyFilter(
        q=d.get("q") or "",
        occupation=d.get("occupation") or "",
        county=d.get("county") or "",
        township=d.get("township"),
        within_km=float(d["within_km"]) if d.get("within_km") else None,
        pay_basis=d.get("pay_basis") or "",
        pay_at_least=d.get("pay_at_least"),
        shift=d.get("shift") or "",
        status=d.get("status") or "",
        open_findings=bool(d.get("open_findings")),
        sort=str(d["sort"]) if d.get("sort") in SORTS else "newest",
    )


class OverrideFindingForm(forms.Form):
    reason = forms.CharField(
        label="認定無違法的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：屬職務真實必要之條件（女性更衣室清潔）。會記入異動紀錄。",
        max_length=4000,
    )


class OccupationConfirmForm(forms.Form):
    occupation = OccupationField(label="職業（細類）", queryset=Occupation.objects.filter(level=4))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=VacancyStatus.choices)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="職缺檔案",
        help_text="CSV 或 Excel（.xlsx）匯入範本，或台灣就業通開放資料（XML、JSON、CSV）。",
    )


class MarketForm(forms.Form):
    occupation = TaxonomyCodeField(
        Occupation,
        "職業",
        label="職業",
        help_text="代碼（任一層級：1 碼大類至 4 碼細類）或名稱，例如：512、廚師；留空為全部職業。",
    )
    county = forms.ChoiceField(label="縣市", required=False)
    townships = forms.ModelMultipleChoiceField(
        label="鄉鎮市區（可複選）", queryset=Township.objects.all(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["county"]).choices = county_choices()


class CaseChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        seeker = obj.seeker
        return f"{seeker.name}（{seeker.national_id_masked}）· {obj.get_status_display()}"


class GivenInformationForm(forms.Form):
    """P3.1.1: which case of the user's caseload the information was given to."""

    case = CaseChoiceField(
        label="個案",
        queryset=None,
        to_field_name="public_id",
        empty_label="請選擇個案",
        help_text="您目前承辦中的個案。",
        error_messages={"invalid_choice": "請從您承辦中的個案選擇。"},
    )
    notes = forms.CharField(
        label="提供內容", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["case"]).queryset = cases
