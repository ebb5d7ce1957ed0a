"""Cases and their main records (read), and the bodies of the case transitions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobdesk.api.serializers.common import OutSerializer, VersionIn
from jobdesk.cases.models import (
    Activity,
    Case,
    ClosureReason,
    ClosureRecord,
    EmploymentPlan,
    NeedsAssessment,
    NeedsConfirmation,
    PlanStep,
    Review,
)


class CaseOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    seeker = serializers.UUIDField(source="seeker.public_id", read_only=True)
    seeker_name = serializers.CharField(source="seeker.name", read_only=True)
    counsellor = serializers.CharField(source="counsellor.username", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "office",
            "seeker",
            "seeker_name",
            "counsellor",
            "status",
            "opened_at",
            "closed_at",
            "next_review_on",
            "version",
            "created_at",
            "updated_at",
        ]


_RECORD = ["id", "version", "created_at"]


class AssessmentOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = NeedsAssessment
        fields = [
            *_RECORD,
            "number",
            "interviewed_on",
            "help_requested",
            "service_explained",
            "skills_background",
            "work_situation",
            "competency_vs_market",
            "signed_at",
        ]


class ConfirmationOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = NeedsConfirmation
        fields = [
            *_RECORD,
            "employment_goals",
            "training_needed",
            "job_search_activities",
            "resources_needed",
            "confirmed_on",
        ]


class PlanStepOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = PlanStep
        fields = [*_RECORD, "description", "due_on", "owner", "status", "done_on"]


class PlanOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    target_industries: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    target_occupations: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    target_townships: Any = serializers.SlugRelatedField(
        slug_field="full_name", many=True, read_only=True
    )
    steps = PlanStepOut(many=True, read_only=True)

    class Meta:
        model = EmploymentPlan
        fields = [
            *_RECORD,
            "target_industries",
            "target_occupations",
            "target_townships",
            "personal_constraints",
            "strategy",
            "agreed_on",
            "steps",
        ]


class ReviewOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Review
        fields = [
            *_RECORD,
            "reviewed_on",
            "strategy_assessment",
            "effectiveness",
            "assistance_adequate",
            "development_plan",
            "agreed_with_seeker",
            "next_review_on",
        ]


class ActivityOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    indicator_codes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Activity
        fields = [
            *_RECORD,
            "kind",
            "task_code",
            "indicator_codes",
            "occurred_at",
            "duration_minutes",
            "notes",
        ]


class ClosureOut(OutSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = ClosureRecord
        fields = [
            *_RECORD,
            "reason",
            "outcome",
            "improvement_strategy",
            "status",
            "previous_status",
            "decided_at",
            "decision_comment",
            "reopened_at",
            "reopen_reason",
        ]


class CaseDetailOut(CaseOut):
    """A case with its main records: O1.2.1 versions, confirmation, plan, reviews, activities,
    closure records. PDPA Art. 6 items (economic, personal situation) are not in the API."""

    assessments = AssessmentOut(many=True, read_only=True)
    confirmation = serializers.SerializerMethodField()
    plan = serializers.SerializerMethodField()
    reviews = ReviewOut(many=True, read_only=True)
    activities = serializers.SerializerMethodField()
    closures = ClosureOut(many=True, read_only=True)

    class Meta(CaseOut.Meta):
        fields = [
            *CaseOut.Meta.fields,
            "assessments",
            "confirmation",
            "plan",
            "reviews",
            "activities",
            "closures",
        ]

    def _one(self, case: Case, name: str) -> Any:
        return getattr(case, name) if hasattr(case, name) else None

    @extend_schema_field(ConfirmationOut(allow_null=True))
    def get_confirmation(self, case: Case) -> Any:
        row = self._one(case, "confirmation")
        return ConfirmationOut(row).data if row is not None else None

    @extend_schema_field(PlanOut(allow_null=True))
    def get_plan(self, case: Case) -> Any:
        row = self._one(case, "plan")
        return PlanOut(row).data if row is not None else None

    @extend_schema_field(ActivityOut(many=True))
    def get_activities(self, case: Case) -> Any:
        return ActivityOut(case.activities.all()[:100], many=True).data


class CaseOpenIn(serializers.Serializer[Any]):
    """開案 for a seeker (the caller becomes the counsellor, as on the seeker's page)."""


class ClosureRequestIn(VersionIn):
    reason = serializers.ChoiceField(choices=ClosureReason.choices)
    outcome = serializers.CharField(max_length=4000, allow_blank=True)
    improvement_strategy = serializers.CharField(max_length=4000, allow_blank=True)


class ClosureDecisionIn(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=[("approve", "核准"), ("reject", "退回")])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReopenIn(VersionIn):
    reason = serializers.CharField(max_length=2000, allow_blank=True)
