"""When a stored month may be read instead of counting its rows: the one rule for the stored
figures (``reports.figures``) and the practice and workload aggregates (``reports.aggregates``).

- **Final**: stored after the month had ended (the nightly ``jobdesk report-figures``). Read until
  the next run replaces it; a late entry shows after that run.
- **Running-month snapshot**: stored while the month was running (``jobdesk report-figures
  --running``, every 15–30 minutes from cron or the worker). Read only while the month is still
  running and the snapshot is younger than ``JOBDESK_REPORT_FRESH_MINUTES`` (default 60); older,
  the month is counted from the rows as if nothing were stored.
- A snapshot of a month that has since ended is **never** read: it misses the end of the month.
  The month is counted from the rows until the nightly run stores it as final.

The pages say which they show ("已結束月份的數字為 … 彙整之結果", "本月數字為 HH:MM 之彙整");
the drill-downs always list the rows as they are now.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from jobdesk.reports.periods import Period


def fresh_window() -> datetime.timedelta:
    """How long a running-month snapshot is read (``JOBDESK_REPORT_FRESH_MINUTES``)."""
    return datetime.timedelta(minutes=settings.JOBDESK_REPORT_FRESH_MINUTES)


def is_final(period: Period, computed_at: datetime.datetime) -> bool:
    """Computed after the month had ended: the whole month is in it."""
    return period.is_month and computed_at >= period.bounds()[1]


def is_running(period: Period, now: datetime.datetime | None = None) -> bool:
    """The month has begun and not yet ended (the one a ``--running`` snapshot is made of)."""
    start, end = period.bounds()
    now = now or timezone.now()
    return period.is_month and start <= now < end


def usable(
    period: Period, computed_at: datetime.datetime, now: datetime.datetime | None = None
) -> bool:
    """Whether figures of ``period`` computed at ``computed_at`` may be read now."""
    if not period.is_month:
        return False
    if is_final(period, computed_at):
        return True
    now = now or timezone.now()
    return is_running(period, now) and now - computed_at < fresh_window()


def split(
    period: Period, computed_at: datetime.datetime | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """The time of stored figures read for ``period`` as (final, running-month snapshot): one of
    them is ``computed_at``, the other None (both None when counted live)."""
    if computed_at is None:
        return None, None
    if is_final(period, computed_at):
        return computed_at, None
    return None, computed_at


def running_note(at: datetime.datetime) -> str:
    """What the files say of a running-month snapshot (the pages say the same)."""
    return f"本月數字為 {timezone.localtime(at):%H:%M} 之彙整，其後登錄之資料將於下次彙整時列入"
