"""Closure reports (P3.4.2 彙整結案報告): the cases whose closure a supervisor approved in a period.

A closure belongs to the period of its approval (``decided_at``, Asia/Taipei), to the office
stored on the closure record and to the case's counsellor. A case reopened later still appears
in the period it was closed, marked as reopened.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.urls import reverse

from jobdesk.cases.models import ClosureRecord, ClosureStatus
from jobdesk.reports.periods import Period, local_date
from jobdesk.reports.rowsets import Row
from jobdesk.reports.scope import ReportScope

HEADERS = [
    "求職者",
    "開案日",
    "結案日",
    "結案原因",
    "服務成效",
    "改善策略",
    "個案管理員",
    "核定督導",
    "據點",
    "備註",
]


def closures(scope: ReportScope, period: Period) -> QuerySet[ClosureRecord]:
    start, end = period.bounds()
    return (
        ClosureRecord.objects.for_user(scope.user)
        .filter(
            scope.q("office", "case__counsellor"),
            status=ClosureStatus.APPROVED,
            decided_at__gte=start,
            decided_at__lt=end,
        )
        .select_related("case__seeker", "case__counsellor", "decided_by", "office")
        .order_by("decided_at", "pk")
    )


def rows(queryset: QuerySet[ClosureRecord]) -> list[Row]:
    out = []
    for c in queryset:
        seeker = c.case.seeker
        out.append(
            Row(
                [
                    f"{seeker.name}（{seeker.national_id_masked}）",
                    local_date(c.case.opened_at),
                    local_date(c.decided_at) if c.decided_at else "",
                    c.get_reason_display(),
                    c.outcome,
                    c.improvement_strategy,
                    str(c.case.counsellor),
                    str(c.decided_by or ""),
                    c.office.name,
                    f"已於 {local_date(c.reopened_at)} 重新開案" if c.reopened_at else "",
                ],
                reverse("cases:closure_print", args=[c.public_id]),
                seeker,
            )
        )
    return out


def by_reason(queryset: QuerySet[ClosureRecord]) -> list[tuple[str, int]]:
    counts = Counter(c.get_reason_display() for c in queryset)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
