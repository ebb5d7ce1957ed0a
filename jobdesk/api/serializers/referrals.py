"""Referrals (轉介) and their status; follow-up and outcome through jobdesk.referrals.services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobdesk.api.serializers.common import OutSerializer
from jobdesk.referrals.models import Outcome, Referral


class ReferralOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    case = serializers.UUIDField(source="case.public_id", read_only=True)
    seeker_name = serializers.CharField(source="case.seeker.name", read_only=True)
    resource = serializers.CharField(source="resource.name", read_only=True)
    counsellor = serializers.CharField(source="counsellor.username", read_only=True)
    data_items = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "office",
            "case",
            "seeker_name",
            "resource",
            "counsellor",
            "status",
            "data_items",
            "need_confirmed_on",
            "sent_on",
            "sent_method",
            "reply",
            "replied_on",
            "next_follow_up_on",
            "outcome",
            "outcome_note",
            "closed_on",
            "version",
            "created_at",
            "updated_at",
        ]


class FollowUpIn(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, allow_blank=True)
    next_follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)


class OutcomeIn(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(max_length=2000, allow_blank=True)
