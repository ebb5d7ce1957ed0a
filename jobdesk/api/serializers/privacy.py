"""Data-subject requests (PDPA Art. 3): read and open."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobdesk.api.serializers.common import OutSerializer
from jobdesk.privacy.models import DataSubjectRequest, RequestKind


class DataRequestOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    seeker = serializers.UUIDField(
        source="seeker.public_id", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = DataSubjectRequest
        fields = [
            "id",
            "office",
            "seeker",
            "subject_reference",
            "kind",
            "details",
            "received_on",
            "due_on",
            "extended",
            "extension_reason",
            "status",
            "outcome",
            "closed_at",
            "version",
            "created_at",
            "updated_at",
        ]


class DataRequestIn(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    details = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    received_on = serializers.DateField()
