"""Fields shared by the API's serializers: reference data by its official code, never by pk."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, TargetGroup, Township


class CodeField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """A reference by its code or name. A value with NUL, or longer than any code, is refused
    before the lookup: PostgreSQL cannot compare text holding NUL (it answered 500; found by
    schemathesis), and such a value names nothing."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and ("\x00" in data or len(data) > 60):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


def township_field(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return CodeField(
        slug_field="full_name",
        queryset=Township.objects.all(),
        help_text="鄉鎮市區全名，例如「新北市三重區」。",
        **kwargs,
    )


def occupation_field(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return CodeField(
        slug_field="code",
        queryset=Occupation.objects.all(),
        help_text="職業標準分類（第6次修訂）代碼，例如「5120」。",
        **kwargs,
    )


def industry_field(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return CodeField(
        slug_field="code",
        queryset=Industry.objects.all(),
        help_text="行業統計分類（第11次修訂）代碼。",
        **kwargs,
    )


def education_field(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return CodeField(slug_field="code", queryset=EducationLevel.objects.all(), **kwargs)


def target_group_field(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return CodeField(slug_field="code", queryset=TargetGroup.objects.all(), **kwargs)


class VersionIn(serializers.Serializer[Any]):
    """A write that may carry the version read (else the If-Match header)."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=10**9,
        help_text="讀取時的版本（或以 If-Match 標頭提供 ETag）。",
    )


class CommentIn(VersionIn):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReasonIn(VersionIn):
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class ContributionOut(serializers.Serializer[Any]):
    factor = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    points = serializers.FloatField()


class OutSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A response serializer over a model (never saved through): blank-able fields keep
    ``allow_blank``, so the schema says that ``""`` is a value (an e-mail or URL left empty
    is text, not a malformed address)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.EmailField: serializers.CharField,
        models.URLField: serializers.CharField,
    }
