"""Practice against BHR3333-004v2: which tasks (T) and behaviour indicators (P) each counsellor's
service records (cases.Activity: ``task_code``, ``indicator_codes``) evidence, how often and how
recently, over a window of months; and the gaps (indicators with no evidence in the window).

The indicator codes are a JSON list on each activity, so the counting is done here in Python
over the window's activities (one query), the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from jobdesk.cases.models import Activity
from jobdesk.reports.periods import Period, add_months, local_date
from jobdesk.reports.scope import ReportScope
from jobdesk.standard.loader import standard_rows

WINDOW_CHOICES = (1, 3, 6, 12, 24)
DEFAULT_WINDOW = 6


@dataclass(frozen=True)
class Item:
    code: str
    kind: str  # "task" or "indicator"
    title: str
    task: str  # the task an indicator belongs to (itself for a task)


@dataclass
class Evidence:
    count: int = 0
    last: datetime.date | None = None
    activity_ids: list[int] = field(default_factory=list)

    def add(self, activity_id: int, day: datetime.date) -> None:
        self.count += 1
        self.last = day if self.last is None or day > self.last else self.last
        self.activity_ids.append(activity_id)


def items() -> list[Item]:
    """The standard's tasks, each followed by its behaviour indicators, in the standard's order."""
    out = []
    for row in standard_rows():
        if row["kind"] == "task":
            out.append(Item(row["code"], "task", row["title"], row["code"]))
        elif row["kind"] == "indicator":
            out.append(Item(row["code"], "indicator", row["title"], row["parent_id"]))
    return out


def window(month: Period, months: int) -> Period:
    """The ``months`` months that end with ``month``."""
    return Period(add_months(month.start, -(months - 1)), month.end)


def activities(scope: ReportScope, period: Period) -> QuerySet[Activity]:
    start, end = period.bounds()
    return Activity.objects.for_user(scope.user).filter(
        scope.q("office", "recorded_by"),
        recorded_by__in=scope.counsellors().values("pk"),
        occurred_at__gte=start,
        occurred_at__lt=end,
    )


def evidence(scope: ReportScope, period: Period) -> dict[int, dict[str, Evidence]]:
    """Per counsellor (user id), per code (task or indicator): the evidence in ``period``."""
    table: dict[int, dict[str, Evidence]] = {}
    rows = activities(scope, period).values_list(
        "pk", "recorded_by_id", "task_code", "indicator_codes", "occurred_at"
    )
    for pk, who, task, codes, occurred_at in rows.order_by("occurred_at", "pk"):
        day = local_date(occurred_at)
        mine = table.setdefault(who, {})
        for code in [task, *sorted(set(codes or []))]:
            mine.setdefault(code, Evidence()).add(pk, day)
    return table


def matrix(scope: ReportScope, period: Period) -> dict[str, Any]:
    """The practice matrix: the standard's items × the scope's counsellors, and the gaps."""
    counsellors = list(scope.counsellors())
    found = evidence(scope, period)
    standard = items()
    rows = [
        (item, [(c, found.get(c.pk, {}).get(item.code, Evidence())) for c in counsellors])
        for item in standard
    ]
    gaps = [
        (c, [i for i in standard if i.kind == "indicator" and i.code not in found.get(c.pk, {})])
        for c in counsellors
    ]
    return {"counsellors": counsellors, "rows": rows, "gaps": gaps}


def cell_activities(
    scope: ReportScope, period: Period, counsellor: Any, code: str
) -> list[Activity]:
    """The service records behind one cell: ``counsellor``'s records that evidence ``code``."""
    ids = evidence(scope, period).get(counsellor.pk, {}).get(code, Evidence()).activity_ids
    return list(
        Activity.objects.filter(pk__in=ids)
        .select_related("case__seeker")
        .order_by("occurred_at", "pk")
    )
