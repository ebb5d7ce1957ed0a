"""Scoped reads of jobdesk.cases: what a user may see, the caseload with what is due, statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from jobdesk.accounts.models import User
from jobdesk.accounts.roles import Role
from jobdesk.cases.due import DueItem, due_items, next_follow_up_subquery, next_step_subquery
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
)
from jobdesk.cases.models.casework import OPEN_CASES, STATUS_RANK
from jobdesk.common.pagination import CountedPaginator
from jobdesk.common.scoping import office_subtree

DUE_SOON_DAYS = 7


def seekers_for(user: Any, action: str = "view") -> QuerySet[JobSeeker]:
    return JobSeeker.objects.for_user(user, action).select_related("township", "office")


def cases_for(user: Any, action: str = "view") -> QuerySet[Case]:
    return Case.objects.for_user(user, action).select_related(
        "seeker", "counsellor", "office", "seeker__township"
    )


def picker_cases(user: Any) -> QuerySet[Case]:
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
# Each sort is read in order from one of Case.Meta.indexes (open cases only).
CASELOAD_ORDER: dict[str, tuple[Any, ...]] = {
    "due": (F("next_due_on").asc(nulls_last=True), "id"),
    "opened": ("-opened_at", "-id"),
    "name": ("seeker__name", "id"),
    "status": (STATUS_RANK, "-opened_at"),
}
CASELOAD_PAGE_SIZE = 50
# What a caseload row shows, and nothing else (no national ID is read, let alone decrypted).
CASELOAD_COLUMNS = (
    "public_id",
    "status",
    "opened_at",
    "next_review_on",
    "next_due_on",
    "office_id",
    "seeker",
    "seeker__name",
    "seeker__public_id",  # the access log names whom the page showed
    "seeker__office_id",
    "counsellor",
    "counsellor__username",
    "counsellor__display_name",
)


def caseload_cases(
    user: Any,
    *,
    counsellor: User | None = None,
    status: str = "",
    due: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Case]:
    """The open cases of a caseload, filtered; no joins, so counting it is cheap.

    A counsellor sees their own cases; a supervisor the office's (optionally one counsellor's).
    ``due``: "overdue" or "week" (due within DUE_SOON_DAYS), on ``Case.next_due_on``.
    """
    return narrow_caseload(
        Case.objects.for_user(user),
        user,
        counsellor=counsellor,
        status=status,
        due=due,
        today=today,
    )


def narrow_caseload(
    qs: QuerySet[Case],
    user: Any,
    *,
    counsellor: User | None = None,
    status: str = "",
    due: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Case]:
    """``qs`` (already scoped with ``for_user``) narrowed to ``user``'s caseload and its
    filters (the caseload page's filter, cases.filters.CaseloadFilter)."""
    today = today or timezone.localdate()
    qs = qs.filter(OPEN_CASES)
    if user.role == Role.COUNSELLOR:
        qs = qs.filter(counsellor=user)
    elif counsellor is not None:
        qs = qs.filter(counsellor=counsellor)
    if status:
        qs = qs.filter(status=status)
    if due == "overdue":
        qs = qs.filter(next_due_on__lt=today)
    elif due == "week":
        qs = qs.filter(next_due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    return qs


def caseload_page(
    user: Any,
    *,
    page: Any = 1,
    per_page: int = CASELOAD_PAGE_SIZE,
    sort: str = "due",
    cases: QuerySet[Case] | None = None,
    **filters: Any,
) -> tuple[Page[Case], list[CaseloadRow]]:
    """One page of a caseload with what is due on each case, sorted and paginated in the
    database: two queries (the count, and the page's rows with their earliest open plan step and
    follow-up, computed for those rows only) whatever the size of the caseload."""
    if cases is None:
        cases = caseload_cases(user, **filters)
    ordered = (
        cases.select_related("seeker", "counsellor")
        .only(*CASELOAD_COLUMNS)
        .annotate(next_step_on=next_step_subquery(), next_follow_up_on=next_follow_up_subquery())
        .order_by(*CASELOAD_ORDER.get(sort, CASELOAD_ORDER["due"]))
    )
    found = CountedPaginator(ordered, per_page, count_from=cases).get_page(page)
    rows = [
        CaseloadRow(
            case,
            due_items(
                status=case.status,
                next_review_on=case.next_review_on,
                opened_at=case.opened_at,
                next_step_on=case.next_step_on,  # type: ignore[attr-defined]
                next_follow_up_on=case.next_follow_up_on,  # type: ignore[attr-defined]
            ),
        )
        for case in found.object_list
    ]
    return found, rows


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
