"""Scoped reads of jobdesk.cases: what a user may see, the caseload with what is due, statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from jobdesk.accounts.models import User
from jobdesk.accounts.roles import Role
from jobdesk.cases.models import (
    Case,
    CaseStatus,
    ClosureRecord,
    ClosureStatus,
    FollowUp,
    JobSeeker,
    Lead,
    LeadStatus,
    OutreachEvent,
    PlanStepStatus,
)
from jobdesk.common.dates import local_date
from jobdesk.common.scoping import office_subtree

DUE_SOON_DAYS = 7


def seekers_for(user: Any, action: str = "view") -> QuerySet[JobSeeker]:
    return JobSeeker.objects.for_user(user, action).select_related("township", "office")


def cases_for(user: Any, action: str = "view") -> QuerySet[Case]:
    return Case.objects.for_user(user, action).select_related(
        "seeker", "counsellor", "office", "seeker__township"
    )


def caseload_cases(user: Any) -> QuerySet[Case]:
    """The cases a user works on now, for pickers: a counsellor's own open cases, a supervisor's
    office's (scoped for change), newest first."""
    qs = cases_for(user, "change").exclude(status=CaseStatus.CLOSED)
    if user.role == Role.COUNSELLOR:
        qs = qs.filter(counsellor=user)
    return qs.order_by("-opened_at")


def events_for(user: Any) -> QuerySet[OutreachEvent]:
    return OutreachEvent.objects.for_user(user).annotate(
        lead_count=Count("leads"),
        converted_count=Count("leads", filter=Q(leads__status=LeadStatus.CONVERTED)),
    )


def leads_for(user: Any) -> QuerySet[Lead]:
    return Lead.objects.for_user(user).select_related("event", "seeker")


def open_case_of(seeker: JobSeeker) -> Case | None:
    found: Case | None = (
        Case.objects.filter(seeker=seeker).exclude(status=CaseStatus.CLOSED).first()
    )
    return found


def in_caseload(user: Any, seeker: JobSeeker) -> bool:
    """True if ``seeker`` has a case of ``user``'s — closed ones included: a counsellor's own
    closed case stays theirs to read (questions after closure, reopening) without a stated
    reason. The work list (``caseload_cases``) holds the open ones only."""
    return Case.objects.filter(counsellor=user, seeker=seeker).exists()


def counsellors_for(user: Any) -> QuerySet[User]:
    """Counsellors a supervisor may give cases to (the office and its desks)."""
    if user.office is None:
        return User.objects.none()
    return User.objects.filter(
        role=Role.COUNSELLOR, is_active=True, office__in=office_subtree(user.office)
    ).order_by("username")


@dataclass
class SourceRow:
    label: str
    leads: int
    converted: int

    @property
    def rate(self) -> int:
        return round(100 * self.converted / self.leads) if self.leads else 0


def source_statistics(user: Any) -> list[SourceRow]:
    """T1.1: leads and conversions by source (宣導活動、臨櫃、電話…)."""
    from jobdesk.cases.models import LeadSource

    labels = dict(LeadSource.choices)
    rows = (
        leads_for(user)
        .values("source")
        .annotate(n=Count("id"), c=Count("id", filter=Q(status=LeadStatus.CONVERTED)))
        .order_by("-n")
    )
    return [SourceRow(str(labels.get(r["source"], r["source"])), r["n"], r["c"]) for r in rows]


@dataclass
class DueItem:
    label: str
    on: datetime.date

    @property
    def overdue(self) -> bool:
        return self.on < timezone.localdate()


@dataclass
class CaseloadRow:
    case: Case
    due: list[DueItem] = field(default_factory=list)

    @property
    def next_due(self) -> datetime.date | None:
        return min((d.on for d in self.due), default=None)

    @property
    def overdue(self) -> bool:
        return any(d.overdue for d in self.due)


CASELOAD_SORTS = {
    "due": "下一個到期",
    "opened": "開案日（新到舊）",
    "name": "求職者姓名",
    "status": "狀態",
}


def caseload(
    user: Any,
    *,
    counsellor: User | None = None,
    status: str = "",
    due: str = "",
    sort: str = "due",
    today: datetime.date | None = None,
) -> list[CaseloadRow]:
    """Open cases with what is due (reviews, plan steps, follow-ups).

    A counsellor sees their own cases; a supervisor the office's (optionally one counsellor's).
    ``due``: "overdue" or "week" (due within DUE_SOON_DAYS). Three queries whatever the size.
    """
    today = today or timezone.localdate()
    qs = cases_for(user).exclude(status=CaseStatus.CLOSED)
    if user.role == Role.COUNSELLOR:
        qs = qs.filter(counsellor=user)
    elif counsellor is not None:
        qs = qs.filter(counsellor=counsellor)
    if status:
        qs = qs.filter(status=status)
    qs = qs.annotate(
        next_step_on=Min("plan__steps__due_on", filter=Q(plan__steps__status=PlanStepStatus.TODO)),
        next_follow_up_on=Min("follow_ups__due_on", filter=Q(follow_ups__done_on__isnull=True)),
    )
    rows: list[CaseloadRow] = []
    for case in qs:
        row = CaseloadRow(case)
        if case.next_review_on and case.status in (CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP):
            row.due.append(DueItem("定期評估", case.next_review_on))
        next_step: datetime.date | None = getattr(case, "next_step_on", None)
        if next_step:
            row.due.append(DueItem("計畫步驟", next_step))
        next_follow_up: datetime.date | None = getattr(case, "next_follow_up_on", None)
        if next_follow_up:
            row.due.append(DueItem("就業追蹤", next_follow_up))
        if case.status == CaseStatus.OPEN:
            row.due.append(DueItem("需求評估", local_date(case.opened_at)))
        rows.append(row)
    if due == "overdue":
        rows = [r for r in rows if r.next_due and r.next_due < today]
    elif due == "week":
        horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        rows = [r for r in rows if r.next_due and r.next_due <= horizon]
    far = datetime.date.max
    keys = {
        "due": lambda r: (r.next_due or far, r.case.seeker.name),
        "opened": lambda r: (-r.case.opened_at.timestamp(), r.case.seeker.name),
        "name": lambda r: (r.case.seeker.name, r.case.opened_at.timestamp()),
        "status": lambda r: (list(CaseStatus.values).index(r.case.status), r.case.seeker.name),
    }
    rows.sort(key=keys.get(sort, keys["due"]))  # type: ignore[arg-type]
    return rows


def follow_ups_due(user: Any, *, within_days: int = DUE_SOON_DAYS) -> QuerySet[FollowUp]:
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    qs = FollowUp.objects.for_user(user).filter(done_on__isnull=True, due_on__lte=horizon)
    if user.role == Role.COUNSELLOR:
        qs = qs.filter(case__counsellor=user)
    return qs.select_related("case", "case__seeker", "case__counsellor", "placement").order_by(
        "due_on"
    )


def closures_pending(user: Any) -> QuerySet[ClosureRecord]:
    return (
        ClosureRecord.objects.for_user(user)
        .filter(status=ClosureStatus.PENDING, case__status=CaseStatus.CLOSURE_REQUESTED)
        .select_related("case", "case__seeker", "case__counsellor", "recorded_by")
        .order_by("created_at")
    )


def market_for_case(case: Case) -> Any:
    """The labour-market panel (T3.1, P1.2.4) for the case's target occupations and places.

    Uses the plan's targets if there is a plan, else the seeker's wishes. ``None`` when the
    employers app's market module is not installed or there is no target occupation.
    """
    try:
        from jobdesk.employers.market import market_summary
    except ImportError:  # pragma: no cover - the employers app is part of the product
        return None
    plan = getattr(case, "plan", None) if hasattr(case, "plan") else None
    occupations: list[str] = []
    townships: list[int] = []
    if plan is not None:
        occupations = [o.code for o in plan.target_occupations.all()]
        townships = [t.pk for t in plan.target_townships.all()]
    seeker = case.seeker
    if not occupations:
        occupations = [o.code for o in seeker.desired_occupations.all()]
    if not townships:
        townships = [t.pk for t in seeker.desired_townships.all()]
    if not occupations:
        return None
    if townships:
        return market_summary(occupation_prefixes=occupations, township_ids=townships)
    return market_summary(occupation_prefixes=occupations, county=seeker.township.county)


def practice_counts(case: Case) -> list[dict[str, Any]]:
    """Activities of a case counted by the standard's task (so practice can be counted)."""
    return list(case.activities.values("task_code").annotate(n=Count("id")).order_by("task_code"))
