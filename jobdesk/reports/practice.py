"""Practice against BHR3333-004v2: which tasks (T) and behaviour indicators (P) each counsellor's
service records (cases.Activity: ``task_code``, ``indicator_codes``) evidence, how often and how
recently, over a window of months; and the gaps (indicators with no evidence in the window).

The indicator codes are a JSON list on each activity. The counting is done by the database: the
window's activities joined with the elements of that list (``jsonb_array_elements_text`` on
PostgreSQL, ``json_each`` on SQLite) and with their task code, grouped by counsellor and code, so
the page reads one row per cell, never every activity of the window.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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


def _coded(chosen: QuerySet[Activity]) -> tuple[str, list[Any]]:
    """SQL of (activity id, counsellor id, code, occurred_at, office id): one row per code an
    activity evidences (its task and each of its indicators), for the activities of ``chosen``.

    The chosen activities are read once (a CTE), then joined with their own list of codes. An
    activity's codes hold no repeats and its task code is never one of them (the activity
    service, ``cases.services.records``, keeps them so), so each row is one piece of evidence.
    """
    inner, params = (
        chosen.order_by()
        .values_list(
            "pk", "recorded_by_id", "task_code", "indicator_codes", "occurred_at", "office_id"
        )
        .query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        codes = (
            "CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(f.codes) = "
            "'array' THEN f.codes ELSE '[]'::jsonb END) AS e(code)"
        )
        code = "e.code"
    else:
        codes = "JOIN json_each(CASE WHEN json_valid(f.codes) THEN f.codes ELSE '[]' END) AS e"
        code = "e.value"
    sql = (
        f"WITH f(id, who, task, codes, at, office) AS ({inner}) "  # noqa: S608 - the ORM's SQL, values are parameters
        f"SELECT id, who, task AS code, at, office FROM f "
        f"UNION ALL SELECT f.id, f.who, {code}, f.at, f.office FROM f {codes}"
    )
    return sql, list(params)


def evidence(scope: ReportScope, period: Period) -> dict[int, dict[str, Evidence]]:
    """Per counsellor (user id), per code (task or indicator): how often and how recently
    ``period``'s activities evidence it."""
    coded, params = _coded(activities(scope, period))
    table: dict[int, dict[str, Evidence]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT who, code, COUNT(*), MAX(at) FROM ({coded}) c GROUP BY who, code",  # noqa: S608 - the SQL is built here from the ORM's, values are parameters
            params,
        )
        for who, code, count, last in cursor.fetchall():
            if isinstance(last, str):  # SQLite hands the timestamp back as text
                last = parse_datetime(last)
            if last is not None and timezone.is_naive(last):
                last = timezone.make_aware(last, datetime.UTC)
            table.setdefault(who, {})[code] = Evidence(count, local_date(last) if last else None)
    return table


def matrix(
    scope: ReportScope, period: Period, found: dict[int, dict[str, Evidence]] | None = None
) -> dict[str, Any]:
    """The practice matrix: the standard's items × the scope's counsellors, and the gaps.

    ``found``: the evidence as the page read it (``reports.aggregates.practice_evidence``, the
    ended months from the nightly aggregates); without it every month is counted from the rows.
    """
    counsellors = list(scope.counsellors())
    if found is None:
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
    coded, params = _coded(activities(scope, period).filter(recorded_by=counsellor))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT id FROM ({coded}) c WHERE code = %s", [*params, code])  # noqa: S608 - as above
        ids = [row[0] for row in cursor.fetchall()]
    return list(
        Activity.objects.filter(pk__in=ids)
        .select_related("case__seeker")
        .order_by("occurred_at", "pk")
    )
