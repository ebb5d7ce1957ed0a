"""Report periods in Asia/Taipei (the settings' TIME_ZONE): a month, or a range of days.

A period is a half-open range of calendar days [start, end). Date fields compare with the days;
datetime fields with the local midnights of those days, so a case opened at 00:30 Taipei on the
1st (16:30 UTC on the last day of the month before) belongs to the month of the 1st.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    start: datetime.date  # first day, included
    end: datetime.date  # first day after, excluded

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = datetime.date(year, month, 1)
        return cls(start, add_months(start, 1))

    @classmethod
    def this_month(cls) -> Period:
        today = timezone.localdate()
        return cls.month(today.year, today.month)

    @classmethod
    def parse_month(cls, text: str | None) -> Period:
        """``YYYY-MM``; anything else (or nothing) is the current month."""
        found = MONTH_RE.match(text or "")
        if found:
            year, month = int(found[1]), int(found[2])
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return cls.month(year, month)
        return cls.this_month()

    @classmethod
    def parse_days(cls, first: str | None, last: str | None) -> Period | None:
        """From ``first`` to ``last`` inclusive (ISO dates); ``None`` when either is invalid."""
        try:
            start = datetime.date.fromisoformat(first or "")
            end = datetime.date.fromisoformat(last or "") + datetime.timedelta(days=1)
        except ValueError:
            return None
        if end <= start or (end - start).days > 3660:
            return None
        return cls(start, end)

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.end == add_months(self.start, 1)

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}" if self.is_month else f"{self.start}_{self.last}"

    @property
    def last(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.is_month:
            return f"{self.start.year} 年 {self.start.month} 月"
        return f"{self.start:%Y-%m-%d} 至 {self.last:%Y-%m-%d}"

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes of the local midnights that start and end the period."""
        zone = local_zone()
        return (
            datetime.datetime.combine(self.start, datetime.time(), zone),
            datetime.datetime.combine(self.end, datetime.time(), zone),
        )

    def previous(self) -> Period:
        return Period.month(*_ym(add_months(self.start, -1)))

    def next(self) -> Period:
        return Period.month(*_ym(add_months(self.start, 1)))

    def months_back(self, count: int) -> list[Period]:
        """The ``count`` months ending with this one's month, oldest first."""
        return [Period.month(*_ym(add_months(self.start, -i))) for i in range(count - 1, -1, -1)]


def _ym(day: datetime.date) -> tuple[int, int]:
    return day.year, day.month


def local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value, local_zone()).date()
