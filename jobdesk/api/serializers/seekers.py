"""Job seekers: the registration's fields (national ID only masked; PDPA Art. 6 data not here)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobdesk.api.serializers.common import (
    OutSerializer,
    VersionIn,
    education_field,
    occupation_field,
    target_group_field,
    township_field,
)
from jobdesk.cases.models import JobSeeker, PayBasis, Shift
from jobdesk.cases.services.seekers import M2M_FIELDS, SCALAR_FIELDS
from jobdesk.privacy.models import NoticeMethod

# The fields a registration may set: the service's own lists (one definition for UI and API).
SCALAR = SCALAR_FIELDS
MANY = M2M_FIELDS


class SeekerOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    township = serializers.CharField(source="township.full_name", read_only=True)
    education = serializers.CharField(source="education_id", read_only=True, allow_null=True)
    experience_years = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, read_only=True, allow_null=True
    )
    desired_occupations: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    desired_townships: Any = serializers.SlugRelatedField(
        slug_field="full_name", many=True, read_only=True
    )
    target_groups: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    shifts = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = JobSeeker
        fields = [
            "id",
            "office",
            "national_id_masked",
            "id_kind",
            *SCALAR,
            *MANY,
            "version",
            "created_at",
            "updated_at",
        ]


class SeekerFieldsIn(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=60)
    birth_date = serializers.DateField(required=False, allow_null=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    township = township_field()
    education = education_field(required=False, allow_null=True)
    experience_years = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=70, required=False, allow_null=True
    )
    work_history = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    skills = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    licences = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    max_commute_km = serializers.IntegerField(
        min_value=0, max_value=300, required=False, allow_null=True
    )
    pay_basis = serializers.ChoiceField(choices=PayBasis.choices, required=False)
    expected_pay_min = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True
    )
    shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False, max_length=5
    )
    hours_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    available_from = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)
    desired_occupations = occupation_field(many=True, required=False)
    desired_townships = township_field(many=True, required=False)
    target_groups = target_group_field(many=True, required=False)

    def for_service(self) -> dict[str, Any]:
        """The validated fields, as the service's ``data`` (only those the caller sent)."""
        data = dict(self.validated_data)
        data.pop("version", None)
        for name in ("national_id", "notice_method"):
            data.pop(name, None)
        if "shifts" in data:
            data["shifts"] = list(dict.fromkeys(data["shifts"]))
        return data


class SeekerCreateIn(SeekerFieldsIn):
    national_id = serializers.CharField(
        max_length=12, write_only=True, help_text="身分證字號或統一證號（只存加密值）。"
    )
    notice_method = serializers.ChoiceField(
        choices=NoticeMethod.choices, help_text="個資法第8條告知的方式（與登記同時記錄）。"
    )


class SeekerUpdateIn(SeekerFieldsIn, VersionIn):
    """Partial: only the fields sent are changed."""
