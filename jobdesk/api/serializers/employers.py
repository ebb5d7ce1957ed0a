"""Employers and vacancies (CRUD through jobdesk.employers.services)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobdesk.api.serializers.common import (
    OutSerializer,
    VersionIn,
    education_field,
    industry_field,
    occupation_field,
    township_field,
)
from jobdesk.employers.models import (
    DisputeKind,
    Employer,
    PayBasis,
    Shift,
    Vacancy,
    VacancyFinding,
    VacancyStatus,
)


class EmployerOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    industry = serializers.CharField(source="industry_id", read_only=True, allow_null=True)
    township = serializers.CharField(
        source="township.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Employer
        fields = [
            "id",
            "office",
            "name",
            "ubn",
            "industry",
            "township",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "notes",
            "dispute_kind",
            "dispute_started_on",
            "dispute_ended_on",
            "dispute_note",
            "version",
            "created_at",
            "updated_at",
        ]


class EmployerIn(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    ubn = serializers.RegexField(r"^\d{8}$", required=False, allow_blank=True, default="")
    industry = industry_field(required=False, allow_null=True)
    township = township_field(required=False, allow_null=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class EmployerUpdateIn(EmployerIn, VersionIn):
    """Partial: only the fields sent are changed."""


class DisputeIn(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DisputeKind.choices)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class FindingOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = VacancyFinding
        fields = ["id", "ground", "words", "basis", "severity", "field", "message", "status"]


class VacancyOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    employer = serializers.UUIDField(source="employer.public_id", read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    occupation = serializers.CharField(source="occupation_id", read_only=True, allow_null=True)
    township = serializers.CharField(
        source="township.full_name", read_only=True, allow_null=True, default=None
    )
    education = serializers.CharField(source="education_id", read_only=True, allow_null=True)
    shifts = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "office",
            "employer",
            "employer_name",
            "title",
            "description",
            "occupation",
            "occupation_confirmed",
            "headcount",
            "county",
            "township",
            "pay_basis",
            "pay_min",
            "pay_max",
            "hours",
            "shifts",
            "education",
            "experience_years",
            "licences",
            "languages",
            "skills",
            "opens_on",
            "closes_on",
            "status",
            "source",
            "source_id",
            "source_url",
            "version",
            "created_at",
            "updated_at",
        ]


class VacancyDetailOut(VacancyOut):
    findings = FindingOut(many=True, read_only=True)

    class Meta(VacancyOut.Meta):
        fields = [*VacancyOut.Meta.fields, "findings"]


class VacancyFieldsIn(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    occupation = occupation_field(required=False, allow_null=True)
    headcount = serializers.IntegerField(min_value=1, max_value=9999, required=False)
    township = township_field(required=False, allow_null=True)
    pay_basis = serializers.ChoiceField(choices=PayBasis.choices, required=False)
    pay_min = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True
    )
    pay_max = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True
    )
    hours = serializers.CharField(max_length=200, required=False, allow_blank=True)
    shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False, max_length=5
    )
    education = education_field(required=False, allow_null=True)
    experience_years = serializers.IntegerField(min_value=0, max_value=50, required=False)
    licences = serializers.CharField(max_length=300, required=False, allow_blank=True)
    languages = serializers.CharField(max_length=200, required=False, allow_blank=True)
    skills = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    opens_on = serializers.DateField(required=False, allow_null=True)
    closes_on = serializers.DateField(required=False, allow_null=True)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k not in {"employer", "version"}}


class VacancyCreateIn(VacancyFieldsIn):
    employer = serializers.UUIDField(help_text="雇主的識別碼（須在您的據點範圍內）。")


class VacancyUpdateIn(VacancyFieldsIn, VersionIn):
    """Partial: only the fields sent are changed."""


class VacancyStatusIn(VersionIn):
    status = serializers.ChoiceField(choices=VacancyStatus.choices)


class TaiwanJobsRowOut(serializers.Serializer[Any]):
    """A vacancy in the 台灣就業通 open-data fields (data.gov.tw 44062), every value text."""

    OCCU_DESC = serializers.CharField(allow_blank=True)
    WK_TYPE = serializers.CharField(allow_blank=True)
    CJOB1_COUNT = serializers.CharField(allow_blank=True)
    CJOB_NAME1 = serializers.CharField(allow_blank=True)
    CJOB2_COUNT = serializers.CharField(allow_blank=True)
    CJOB_NAME2 = serializers.CharField(allow_blank=True)
    JOB_PERSON = serializers.CharField(allow_blank=True)
    STOP_DATE = serializers.CharField(allow_blank=True)
    JOB_DETAIL = serializers.CharField(allow_blank=True)
    CITYNAME = serializers.CharField(allow_blank=True)
    EXPERIENCE = serializers.CharField(allow_blank=True)
    WKTIME = serializers.CharField(allow_blank=True)
    SALARYCD = serializers.CharField(allow_blank=True)
    NT_L = serializers.CharField(allow_blank=True)
    NT_U = serializers.CharField(allow_blank=True)
    EDGRDESC = serializers.CharField(allow_blank=True)
    URL_QUERY = serializers.CharField(allow_blank=True)
    COMPNAME = serializers.CharField(allow_blank=True)
    TRANDATE = serializers.CharField(allow_blank=True)
