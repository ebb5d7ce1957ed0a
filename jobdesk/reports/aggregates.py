"""Per-counsellor monthly aggregates of the practice matrix and the workload table.

At a branch (hundreds of counsellors, a million cases) the practice matrix expands every service
record's codes and the workload table counts a month of three kinds of rows on every visit. For
a month that has ended, the nightly ``jobdesk report-figures`` stores (``refresh``):

- ``PracticeMonth``: per office of the service record, member of staff who recorded it and code
  (task or indicator), the number of service records naming the code and the latest time;
- ``WorkloadMonth``: per office of the row, member of staff and measure, the count.

Rows are stored per office, so every scope (a branch, a centre, one counsellor) reads them by
the same rules as the rows themselves: offices of the chosen subtree, within the reader's own
subtree (``for_user``), counsellors of the subtree. ``jobdesk report-figures --running``
stores the running month the same way (``refresh_running``, every 15–30 minutes). A month is read
from the aggregates when ``reports.freshness`` allows (``AggregatedMonth``: computed after it
had ended, or a running-month snapshot younger than ``JOBDESK_REPORT_FRESH_MINUTES``; never a
snapshot of a month that has since ended); any other month is counted from the rows, and the two
are added. The pages say when the stored months were computed; the cells' records are always
read live.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jobdesk.cases.models import Activity
from jobdesk.common.scoping import office_subtree
from jobdesk.reports import freshness, practice, workload
from jobdesk.reports.models import AggregatedMonth, AggregateKind, PracticeMonth, WorkloadMonth
from jobdesk.reports.periods import Period, add_months, local_date
from jobdesk.reports.scope import ReportScope


def _aware(value: Any) -> datetime.datetime:
    if isinstance(value, str):  # SQLite hands the timestamp back as text
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value  # type: ignore[no-any-return]


# --- storing ----------------------------------------------------------------------------------


def _store_practice(period: Period) -> None:
    start, end = period.bounds()
    chosen = Activity.objects.filter(
        occurred_at__gte=start, occurred_at__lt=end, recorded_by__isnull=False
    )
    coded, params = practice._coded(chosen)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT office, who, code, COUNT(*), MAX(at) FROM ({coded}) c "  # noqa: S608 - the ORM's SQL, values are parameters
            "GROUP BY office, who, code",
            params,
        )
        found = cursor.fetchall()
    PracticeMonth.objects.filter(month=period.start).delete()
    PracticeMonth.objects.bulk_create(
        [
            PracticeMonth(
                month=period.start,
                office_id=office,
                counsellor_id=who,
                code=code,
                count=count,
                last_at=_aware(last),
            )
            for office, who, code, count, last in found
        ],
        batch_size=5_000,
    )


def _store_workload(period: Period) -> None:
    WorkloadMonth.objects.filter(month=period.start).delete()
    rows = []
    for m in workload.MEASURES:
        counted = (
            m.every(period)
            .filter(**{f"{m.who}__isnull": False, "office__isnull": False})
            .order_by()
            .values_list("office", m.who)
            .annotate(n=Count("pk"))
        )
        rows += [
            WorkloadMonth(
                month=period.start, office_id=office, counsellor_id=who, measure=m.key, count=n
            )
            for office, who, n in counted
        ]
    WorkloadMonth.objects.bulk_create(rows, batch_size=5_000)


@transaction.atomic
def store(period: Period, *, running: bool = False) -> datetime.datetime:
    """Compute and keep the practice and workload aggregates of the ended month ``period``, or
    with ``running`` a snapshot of the running month (read while fresh: ``reports.freshness``)."""
    now = timezone.now()
    if running and not freshness.is_running(period, now):
        raise ValueError(f"{period.key} is not the running month")
    if not running and not freshness.is_final(period, now):
        raise ValueError(f"{period.key} has not ended: it is counted live")
    _store_practice(period)
    _store_workload(period)
    for kind in AggregateKind:
        AggregatedMonth.objects.update_or_create(
            kind=kind, month=period.start, defaults={"computed_at": now, "running": running}
        )
    return now


def refresh(months: int = 2) -> int:
    """Store the last ``months`` ended months (every office: rows are kept per office)."""
    periods = Period.this_month().previous().months_back(months)
    for period in periods:
        store(period)
    return len(periods)


def refresh_running() -> datetime.datetime:
    """A snapshot of the running month's aggregates (every office)."""
    return store(Period.this_month(), running=True)


def clear() -> None:
    """Forget every stored aggregate (the pages then count every month from the rows)."""
    PracticeMonth.objects.all().delete()
    WorkloadMonth.objects.all().delete()
    AggregatedMonth.objects.all().delete()


# --- reading ----------------------------------------------------------------------------------


def _months(period: Period) -> list[Period] | None:
    """The calendar months making up ``period``; None when it is not whole months."""
    if period.start.day != 1 or period.end.day != 1:
        return None
    out = []
    day = period.start
    while day < period.end:
        out.append(Period(day, add_months(day, 1)))
        day = add_months(day, 1)
    return out


def stored_months(kind: str, months: Sequence[Period]) -> dict[datetime.date, datetime.datetime]:
    """Of ``months``, those whose aggregates may be read now (``reports.freshness``: stored after
    they had ended, or a fresh snapshot of the running month): first day -> when computed."""
    found = AggregatedMonth.objects.filter(kind=kind, month__in=[p.start for p in months])
    by_start = {p.start: p for p in months}
    return {
        row.month: row.computed_at
        for row in found
        if row.month in by_start and freshness.usable(by_start[row.month], row.computed_at)
    }


def _runs(months: Sequence[Period], stored: dict[datetime.date, Any]) -> list[Period]:
    """The spans of consecutive months that are not stored (counted from the rows)."""
    runs: list[Period] = []
    for p in months:
        if p.start in stored:
            continue
        if runs and runs[-1].end == p.start:
            runs[-1] = Period(runs[-1].start, p.end)
        else:
            runs.append(p)
    return runs


def _visible(model: Any, user: Any) -> Q | None:
    """The offices ``model.objects.for_user(user)`` reaches, as a filter on the aggregates'
    office; None when it reaches nothing (the same rules: role and the reader's subtree)."""
    if model is None:
        return Q()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    roles = getattr(model, "scope_roles", {}).get("view", frozenset())
    if user.role not in roles or user.office_id is None:
        return None
    return Q(office__in=office_subtree(user.office).values("pk"))


def practice_evidence(
    scope: ReportScope, period: Period
) -> tuple[
    dict[int, dict[str, practice.Evidence]], datetime.datetime | None, datetime.datetime | None
]:
    """``practice.evidence`` read from the stored months of ``period`` plus the others counted
    from the rows; then when the oldest ended month read was computed, and when the running
    month's snapshot read was (each None when there is none)."""
    months = _months(period)
    if months is None:
        return practice.evidence(scope, period), None, None
    stored = stored_months(AggregateKind.PRACTICE, months)
    table: dict[int, dict[str, practice.Evidence]] = {}
    visible = _visible(Activity, scope.user)
    if stored and visible is not None:
        counted = (
            PracticeMonth.objects.filter(
                visible,
                month__in=list(stored),
                office__in=scope.office_ids(),
                counsellor__in=scope.counsellors().values("pk"),
            )
            .values_list("counsellor", "code")
            .annotate(n=Sum("count"), last=Max("last_at"))
        )
        for who, code, n, last in counted:
            table.setdefault(who, {})[code] = practice.Evidence(n, local_date(_aware(last)))
    for run in _runs(months, stored):
        for who, codes in practice.evidence(scope, run).items():
            mine = table.setdefault(who, {})
            for code, e in codes.items():
                had = mine.get(code)
                if had is None:
                    mine[code] = e
                    continue
                lasts = [d for d in (had.last, e.last) if d is not None]
                mine[code] = practice.Evidence(had.count + e.count, max(lasts) if lasts else None)
    by_start = {p.start: p for p in months}
    final = [at for day, at in stored.items() if freshness.is_final(by_start[day], at)]
    running = [at for day, at in stored.items() if not freshness.is_final(by_start[day], at)]
    return table, (min(final) if final else None), (running[0] if running else None)


def workload_counts(
    scope: ReportScope, period: Period
) -> tuple[dict[str, dict[int, int]], datetime.datetime | None]:
    """``workload.live_counts``, from the stored aggregates when ``period`` is a stored month
    that may be read (``reports.freshness``; with when they were computed), else counted from
    the rows (and None)."""
    stored = stored_months(AggregateKind.WORKLOAD, [period]) if period.is_month else {}
    if period.start not in stored:
        return workload.live_counts(scope, period), None
    counts: dict[str, dict[int, int]] = {}
    for m in workload.MEASURES:
        visible = _visible(m.scoped, scope.user)
        if visible is None:
            counts[m.key] = {}
            continue
        counts[m.key] = dict(
            WorkloadMonth.objects.filter(
                visible, month=period.start, measure=m.key, office__in=scope.office_ids()
            )
            .values_list("counsellor")
            .annotate(n=Sum("count"))
            .values_list("counsellor", "n")
        )
    return counts, stored[period.start]
