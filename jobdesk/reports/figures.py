"""An office's monthly figures, stored: what its indicator and trend pages read instead of
counting a million rows on every visit.

``store(office, month)`` evaluates every indicator of the office's subtree for the month, exactly
as the page would (``indicators.evaluate_all``, read as the office's supervisor), and keeps the
values with the time they were computed (``MonthFigures``). ``jobdesk report-figures`` (nightly,
from cron or the worker) stores the last ``--months`` ended months of every office, so a late
entry for last month is in the next night's figures; ``jobdesk report-figures --running`` (every
15–30 minutes) stores a snapshot of the running month. Which stored figures are read is one
rule, ``reports.freshness``: an ended month's computed after it ended, the running month's while
the snapshot is younger than ``JOBDESK_REPORT_FRESH_MINUTES``, never a snapshot of a month that
has since ended. A counsellor's own figures and any month not stored (or stale) are counted
live. The pages say when the stored figures were computed; the drill-downs always list the rows
as they are now."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.models import Office
from jobdesk.audit.services import record_event
from jobdesk.reports import freshness
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import AggregatedMonth, AggregateKind, MonthFigures
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope


def _dump(values: Iterable[registry.Value]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for v in values:
        number = v.value
        out[v.indicator.key] = {
            "value": str(number) if isinstance(number, Decimal) else number,
            "decimal": isinstance(number, Decimal),
            "rows": v.rows,
            "groups": [list(g) for g in v.groups],
            "applicable": v.applicable,
        }
    return out


def _load(data: dict[str, Any]) -> list[registry.Value] | None:
    """The stored values in the registry's order; None if the registry has changed since."""
    if set(data) != set(registry.BY_KEY):
        return None
    values = []
    for indicator in registry.INDICATORS:
        item = data[indicator.key]
        number = item["value"]
        if item["decimal"] and number is not None:
            number = Decimal(number)
        values.append(
            registry.Value(
                indicator,
                number,
                rows=item["rows"],
                groups=[tuple(g) for g in item["groups"]],  # type: ignore[misc]
                applicable=item["applicable"],
            )
        )
    return values


@transaction.atomic
def store(office: Office, period: Period, *, running: bool = False) -> MonthFigures:
    """Compute and keep ``office``'s figures for the ended month ``period`` (one change-log
    event), or with ``running`` a snapshot of the running month (no event of its own: the
    running refresh records one for every office at once, ``refresh_running``)."""
    from jobdesk.reports.tasks import OfficeReader

    now = timezone.now()
    if running and not freshness.is_running(period, now):
        raise ValueError(f"{period.key} is not the running month")
    if not running and not freshness.is_final(period, now):
        raise ValueError(f"{period.key} has not ended: its figures are counted live")
    scope = ReportScope(OfficeReader(office), office)
    values = _dump(registry.evaluate_all(scope, period))
    figures, _ = MonthFigures.objects.update_or_create(
        office=office,
        month=period.start,
        defaults={"values": values, "computed_at": now, "running": running},
    )
    if not running:
        record_event(
            "report.figures_refreshed",
            actor=None,
            subject=figures,
            office=office,
            after={"month": period.key, "office": office.code},
        )
    return figures


def refresh(months: int = 2, offices: Sequence[Office] | None = None) -> int:
    """Store the last ``months`` ended months of every active office (or of ``offices``)."""
    chosen = list(offices) if offices is not None else list(Office.objects.filter(is_active=True))
    last = Period.this_month().previous()
    periods = last.months_back(months)
    for office, period in itertools.product(chosen, periods):
        store(office, period)
    return len(chosen) * len(periods)


def refresh_running(offices: Sequence[Office] | None = None) -> list[MonthFigures]:
    """A snapshot of the running month's figures of every active office (or of ``offices``)."""
    chosen = list(offices) if offices is not None else list(Office.objects.filter(is_active=True))
    period = Period.this_month()
    return [store(office, period, running=True) for office in chosen]


@transaction.atomic
def refresh_running_month(offices: Sequence[Office] | None = None) -> int:
    """``jobdesk report-figures --running``: a snapshot of the running month's figures of every
    active office (or of ``offices``) and of its practice and workload aggregates (every office),
    in one transaction (a page reads the previous snapshot until it commits), and one change-log
    event (``report.running_refreshed``). Returns the number of offices."""
    from jobdesk.reports import aggregates

    period = Period.this_month()
    stored = refresh_running(offices)
    at = aggregates.refresh_running()
    marker = AggregatedMonth.objects.get(kind=AggregateKind.PRACTICE, month=period.start)
    record_event(
        "report.running_refreshed",
        actor=None,
        subject=marker,
        after={
            "month": period.key,
            "offices": len(stored),
            "aggregates_at": at.isoformat(),
        },
    )
    return len(stored)


def stored(
    scope: ReportScope, period: Period, *, final_only: bool = False
) -> tuple[list[registry.Value], Any] | None:
    """The stored figures of ``scope``'s office for ``period`` and when they were computed, when
    ``reports.freshness`` allows them to be read (``final_only``: an ended month's only)."""
    if scope.counsellor is not None or not period.is_month:
        return None
    found = MonthFigures.objects.filter(office=scope.office, month=period.start).first()
    if found is None or not freshness.usable(period, found.computed_at):
        return None
    if final_only and not freshness.is_final(period, found.computed_at):
        return None
    values = _load(found.values)
    return (values, found.computed_at) if values is not None else None


def month_values(scope: ReportScope, period: Period) -> tuple[list[registry.Value], Any]:
    """Every indicator of the month: stored when there are figures for it, else counted now
    (the second item: when the stored figures were computed, or None)."""
    found = stored(scope, period)
    if found is not None:
        return found
    return registry.evaluate_all(scope, period), None


def months_values(
    scope: ReportScope, months: Sequence[Period], keys: Iterable[str]
) -> tuple[dict[str, list[registry.Value]], Any, Any]:
    """``keys``' values for each of ``months``: stored months from their figures, each run of
    months without figures counted live in one grouped pass (``evaluate_months``); then when
    the oldest ended month read was computed and when the running month's snapshot read was
    (each None when there is none)."""
    keys = list(keys)
    found = [stored(scope, p) for p in months]
    values: dict[str, list[Any]] = {k: [None] * len(months) for k in keys}
    for i, item in enumerate(found):
        if item is not None:
            by_key = {v.indicator.key: v for v in item[0]}
            for k in keys:
                values[k][i] = by_key[k]
    index = 0
    while index < len(months):
        if found[index] is not None:
            index += 1
            continue
        end = index
        while end < len(months) and found[end] is None:
            end += 1
        cache: dict[str, list[registry.Value]] = {}
        for k in keys:
            live = registry.evaluate_months(registry.BY_KEY[k], scope, months[index:end], cache)
            values[k][index:end] = live
        index = end
    times = [
        item[1]
        for p, item in zip(months, found, strict=True)
        if item and freshness.is_final(p, item[1])
    ]
    running = [
        item[1]
        for p, item in zip(months, found, strict=True)
        if item and not freshness.is_final(p, item[1])
    ]
    return values, (min(times) if times else None), (running[0] if running else None)
