"""What is due on a case, and the case's ``next_due_on`` that the caseload sorts and filters by.

One rule for both: ``due_items`` says what is due from a case's status, next review, opening
date and its earliest open plan step and follow-up; the caseload shows those items, and
``refresh_next_due`` stores their earliest date on the case. Every service function that changes
one of the inputs (status, next review, plan steps, follow-ups) calls ``refresh_next_due`` in its
transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from jobdesk.cases.models import Case, CaseStatus, FollowUp, PlanStep, PlanStepStatus

S = CaseStatus
REVIEWED_STATUSES = (S.ACTIVE, S.FOLLOW_UP)


@dataclass(frozen=True)
class DueItem:
    label: str
    on: datetime.date

    @property
    def overdue(self) -> bool:
        return self.on < timezone.localdate()


def due_items(
    *,
    status: str,
    next_review_on: datetime.date | None,
    opened_at: datetime.datetime,
    next_step_on: datetime.date | None,
    next_follow_up_on: datetime.date | None,
) -> list[DueItem]:
    if status == S.CLOSED:
        return []
    items: list[DueItem] = []
    if next_review_on and status in REVIEWED_STATUSES:
        items.append(DueItem("定期評估", next_review_on))
    if next_step_on:
        items.append(DueItem("計畫步驟", next_step_on))
    if next_follow_up_on:
        items.append(DueItem("就業追蹤", next_follow_up_on))
    if status == S.OPEN:
        items.append(DueItem("需求評估", timezone.localdate(opened_at)))
    return items


def next_step_subquery() -> Subquery:
    """The earliest open plan step of the case of the outer row."""
    return Subquery(
        PlanStep.objects.filter(case_id=OuterRef("pk"), status=PlanStepStatus.TODO)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def next_follow_up_subquery() -> Subquery:
    """The earliest follow-up not yet done of the case of the outer row."""
    return Subquery(
        FollowUp.objects.filter(case_id=OuterRef("pk"), done_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def computed_next_due(case: Case) -> datetime.date | None:
    found = (
        Case.objects.filter(pk=case.pk)
        .annotate(step_on=next_step_subquery(), follow_up_on=next_follow_up_subquery())
        .values_list("step_on", "follow_up_on")
        .first()
    )
    step_on, follow_up_on = found or (None, None)
    items = due_items(
        status=case.status,
        next_review_on=case.next_review_on,
        opened_at=case.opened_at,
        next_step_on=step_on,
        next_follow_up_on=follow_up_on,
    )
    return min((item.on for item in items), default=None)


def refresh_next_due(case: Case) -> None:
    """Store the case's earliest due date (a derived column: no new version, no audit row; the
    change that moved it is audited by its own service function)."""
    due = computed_next_due(case)
    Case.objects.filter(pk=case.pk).update(next_due_on=due)
    case.next_due_on = due
