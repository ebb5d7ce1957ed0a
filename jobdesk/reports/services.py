"""Changes of state of the reports app: staff competency assessments (self, supervisor, sign-off).

One function per transition, each atomic, validated (zh-Hant), audited, with optimistic locking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jobdesk.accounts.roles import Role
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.common.versioning import save_versioned
from jobdesk.reports.models import AssessmentStatus, CompetencyAssessment, CompetencyRating
from jobdesk.reports.periods import add_months
from jobdesk.standard.loader import standard_rows

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

EVIDENCE_MONTHS = 12
KIND_LABELS = {"knowledge": "知識", "skill": "技能", "attitude": "態度", "indicator": "行為指標"}


@dataclass(frozen=True)
class CompetencyItem:
    code: str
    kind: str
    title: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def competency_items() -> list[CompetencyItem]:
    """What is assessed: every behaviour indicator, then every K, S and A item of the standard."""
    rows = standard_rows()
    order = ["indicator", "knowledge", "skill", "attitude"]
    return [
        CompetencyItem(r["code"], r["kind"], r["title"])
        for kind in order
        for r in rows
        if r["kind"] == kind
    ]


def _levels(values: Mapping[str, Any], field: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    errors: dict[str, str] = {}
    for item in competency_items():
        raw = values.get(item.code)
        if raw in (None, ""):
            out[item.code] = None
            continue
        try:
            level = int(str(raw))
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 5:
            errors[f"{field}-{item.code}"] = f"{item.code} 的等級須為 1 到 5。"
        out[item.code] = level
    if errors:
        raise ValidationError(errors)
    return out


def _require_all(levels: Mapping[str, int | None], who: str) -> None:
    missing = [code for code, level in levels.items() if level is None]
    if missing:
        raise ValidationError(
            f"{who}尚未評定：{'、'.join(missing[:10])}{' 等' if len(missing) > 10 else ''}。"
        )


@transaction.atomic
def start_assessment(*, actor: User) -> CompetencyAssessment:
    """A counsellor starts a new self-assessment (the next version), one open at a time."""
    if actor.role != Role.COUNSELLOR or actor.office_id is None:
        raise PermissionDenied("職能自評由就業服務員本人填寫。")
    mine = CompetencyAssessment.objects.select_for_update().filter(counsellor=actor)
    if mine.exclude(status=AssessmentStatus.SIGNED).exists():
        raise ValidationError("您已有尚未簽核的職能評核，請先完成該版。")
    number = (mine.aggregate(top=Max("number"))["top"] or 0) + 1
    today = timezone.localdate()
    assessment = CompetencyAssessment.objects.create(
        office_id=actor.office_id,
        counsellor=actor,
        number=number,
        evidence_from=add_months(today.replace(day=1), -(EVIDENCE_MONTHS - 1)),
        evidence_to=today,
    )
    CompetencyRating.objects.bulk_create(
        CompetencyRating(assessment=assessment, item_code=item.code) for item in competency_items()
    )
    record_event(
        Event.COMPETENCY_STARTED, actor=actor, subject=assessment, after={"number": number}
    )
    return assessment


def _save_ratings(
    assessment: CompetencyAssessment,
    levels: Mapping[str, int | None],
    notes: Mapping[str, str],
    prefix: str,
) -> None:
    ratings = list(assessment.ratings.all())
    for rating in ratings:
        setattr(rating, f"{prefix}_level", levels.get(rating.item_code))
        setattr(rating, f"{prefix}_note", (notes.get(rating.item_code) or "").strip()[:1000])
    CompetencyRating.objects.bulk_update(ratings, [f"{prefix}_level", f"{prefix}_note"])


@transaction.atomic
def save_self_assessment(
    assessment: CompetencyAssessment,
    *,
    actor: User,
    expected_version: int,
    levels: Mapping[str, Any],
    notes: Mapping[str, str],
    submit: bool,
) -> CompetencyAssessment:
    """The counsellor's own levels and notes; ``submit`` sends it to the supervisor."""
    assessment = CompetencyAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.counsellor_id != actor.pk:
        raise PermissionDenied("只有本人可以填寫自評。")
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError("這一版已送出，不能再修改自評。")
    checked = _levels(levels, "self")
    if submit:
        _require_all(checked, "自評")
    _save_ratings(assessment, checked, notes, "self")
    fields = []
    if submit:
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.self_submitted_at = timezone.now()
        fields = ["status", "self_submitted_at"]
    save_versioned(assessment, expected_version, fields)
    record_event(
        Event.COMPETENCY_SELF_SUBMITTED if submit else Event.COMPETENCY_SELF_SAVED,
        actor=actor,
        subject=assessment,
        after={"status": assessment.status, "rated": sum(v is not None for v in checked.values())},
    )
    return assessment


@transaction.atomic
def sign_assessment(
    assessment: CompetencyAssessment,
    *,
    actor: User,
    expected_version: int,
    levels: Mapping[str, Any],
    notes: Mapping[str, str],
    comment: str,
) -> CompetencyAssessment:
    """The supervisor's levels per item and overall comment, and the sign-off (final)."""
    assessment = CompetencyAssessment.objects.select_for_update().get(pk=assessment.pk)
    if actor.role != Role.SUPERVISOR:
        raise PermissionDenied("職能評核由督導簽核。")
    in_scope = CompetencyAssessment.objects.for_user(actor, "change").filter(pk=assessment.pk)
    if not in_scope.exists() or assessment.counsellor_id == actor.pk:
        raise PermissionDenied("您不能簽核這份職能評核。")
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError("這一版尚未送出自評或已簽核。")
    checked = _levels(levels, "supervisor")
    _require_all(checked, "督導評核")
    if not comment.strip():
        raise ValidationError({"comment": "請填寫督導綜合意見。"})
    _save_ratings(assessment, checked, notes, "supervisor")
    assessment.status = AssessmentStatus.SIGNED
    assessment.supervisor_comment = comment.strip()[:4000]
    assessment.signed_by = actor
    assessment.signed_at = timezone.now()
    save_versioned(
        assessment,
        expected_version,
        ["status", "supervisor_comment", "signed_by", "signed_at"],
    )
    record_event(
        Event.COMPETENCY_SIGNED,
        actor=actor,
        subject=assessment,
        after={"status": assessment.status, "number": assessment.number},
        label=str(assessment),
    )
    return assessment
