"""Closed months' figures, stored: what an office's indicator and trend pages read for a month
that has ended, instead of counting a million rows on every visit.

``store(office, month)`` evaluates every indicator of the office's subtree for the month, exactly
as the page would (``indicators.evaluate_all``, read as the office's supervisor), and keeps the
values with the time they were computed (``MonthFigures``). ``jobdesk report-figures`` (nightly,
from cron or the worker) stores the last ``--months`` closed months of every office, so a late
entry for last month is in the next night's figures. Only a month that had ended when it was
computed is used (a figure of a running month would miss the rest of it); the current month,
a counsellor's own figures and any month not stored are counted live. The pages say when the
stored figures were computed; the drill-downs always list the rows as they are now.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jobdesk.accounts.models import Office
from jobdesk.audit.services import record_event
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import MonthFigures
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


def _closed(period: Period, at: datetime.datetime) -> bool:
    return period.is_month and at >= period.bounds()[1]


@transaction.atomic
def store(office: Office, period: Period) -> MonthFigures:
    """Compute and keep ``office``'s figures for the ended month ``period``."""
    from jobdesk.reports.tasks import OfficeReader

    now = timezone.now()
    if not _closed(period, now):
        raise ValueError(f"{period.key} has not ended: its figures are counted live")
    scope = ReportScope(OfficeReader(office), office)
    values = _dump(registry.evaluate_all(scope, period))
    figures, _ = MonthFigures.objects.update_or_create(
        office=office, month=period.start, defaults={"values": values, "computed_at": now}
    )
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


def stored(scope: ReportScope, period: Period) -> tuple[list[registry.Value], Any] | None:
    """The stored figures of ``scope``'s office for ``period`` and when they were computed."""
    if scope.counsellor is not None or not period.is_month:
        return None
    found = MonthFigures.objects.filter(office=scope.office, month=period.start).first()
    if found is None or not _closed(period, found.computed_at):
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
) -> tuple[dict[str, list[registry.Value]], Any]:
    """``keys``' values for each of ``months``: stored months from their figures, each run of
    months without figures counted live in one grouped pass (``evaluate_months``)."""
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
    times = [item[1] for item in found if item is not None]
    return values, (min(times) if times else None)
