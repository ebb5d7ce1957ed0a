"""Matches in both directions (with every factor's reason), recommendations and replies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobdesk.api.serializers.common import ContributionOut, OutSerializer, VersionIn
from jobdesk.api.serializers.employers import VacancyOut
from jobdesk.matching.models import NotHiredReason, Recommendation
from jobdesk.matching.services import REPLY_OUTCOMES


class VacancyMatchOut(serializers.Serializer[Any]):
    vacancy = VacancyOut(read_only=True)
    score = serializers.FloatField()
    contributions = ContributionOut(many=True)


class SeekerBriefOut(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    name = serializers.CharField(help_text="雇主服務專員只看到遮蔽後的姓名（就業服務法第9條）。")
    township = serializers.CharField(allow_null=True)


class SeekerMatchOut(serializers.Serializer[Any]):
    seeker = SeekerBriefOut()
    score = serializers.FloatField()
    contributions = ContributionOut(many=True)


class VacancyMatchesOut(serializers.Serializer[Any]):
    results = VacancyMatchOut(many=True)


class SeekerMatchesOut(serializers.Serializer[Any]):
    recommendable = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    results = SeekerMatchOut(many=True)


class RecommendationOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    seeker = serializers.UUIDField(source="seeker.public_id", read_only=True)
    seeker_name = serializers.CharField(source="seeker.name", read_only=True)
    vacancy = serializers.UUIDField(source="vacancy.public_id", read_only=True)
    vacancy_title = serializers.CharField(source="vacancy.title", read_only=True)
    employer_name = serializers.CharField(source="vacancy.employer.name", read_only=True)
    counsellor = serializers.CharField(source="counsellor.username", read_only=True)
    explanation = ContributionOut(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "office",
            "seeker",
            "seeker_name",
            "vacancy",
            "vacancy_title",
            "employer_name",
            "counsellor",
            "status",
            "score",
            "explanation",
            "note",
            "consent_given",
            "recommended_at",
            "interview_on",
            "reply_reason",
            "reply_note",
            "replied_at",
            "start_date",
            "version",
            "created_at",
            "updated_at",
        ]


class RecommendIn(serializers.Serializer[Any]):
    seeker = serializers.UUIDField()
    vacancy = serializers.UUIDField()
    consent = serializers.BooleanField(
        help_text="求職者已同意推介並提供介紹卡所列個人資料（就業服務法第9條）。"
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReplyIn(VersionIn):
    outcome = serializers.ChoiceField(choices=[(o, o.label) for o in REPLY_OUTCOMES])
    reason = serializers.ChoiceField(
        choices=NotHiredReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    interview_on = serializers.DateField(required=False, allow_null=True, default=None)


class StartIn(VersionIn):
    start_date = serializers.DateField()
    pay = serializers.IntegerField(min_value=0, max_value=10_000_000)
    pay_basis = serializers.ChoiceField(choices=[("monthly", "月薪"), ("hourly", "時薪")])


class WithdrawIn(VersionIn):
    note = serializers.CharField(max_length=2000, allow_blank=True)
