"""The statutory clocks as date arithmetic (no Django): deadlines from Taipei calendar dates.

Days are calendar days; the start day is day 0 unless the dated rule ``clock.count_start_day``
says otherwise (行政程序法 §48 ¶2). Holidays do not move a deadline here (a conservative clock:
staff see it no later than the law's). Months end at the month's last day when the start day does
not exist in the target month (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass


def add_days(start: datetime.date, days: int, *, count_start_day: bool = False) -> datetime.date:
    """The last day of a period of ``days`` days beginning on ``start``."""
    return start + datetime.timedelta(days=days - 1 if count_start_day else days)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def initial_window_end(
    registered_on: datetime.date, days: int, *, count_start_day: bool = False
) -> datetime.date:
    """就業保險法 §25 ¶2: the last day to recommend a job or arrange training."""
    return add_days(registered_on, days, count_start_day=count_start_day)


def certification_day(
    registered_on: datetime.date, days: int, next_day: int, *, count_start_day: bool = False
) -> datetime.date:
    """§25 ¶2: 未能於該十四日內推介 … 應於翌日完成失業認定."""
    return initial_window_end(registered_on, days, count_start_day=count_start_day) + (
        datetime.timedelta(days=next_day)
    )


def recert_due(certified_on: datetime.date, number: int, interval_months: int) -> datetime.date:
    """§29: the ``number``-th monthly 再認定, anchored on the 認定 date (no month-end drift)."""
    return add_months(certified_on, number * interval_months)


def reply_due(
    recommended_on: datetime.date, days: int, *, count_start_day: bool = False
) -> datetime.date:
    """§27 / 就業促進津貼實施辦法 §9: the last day to return the 回覆卡."""
    return add_days(recommended_on, days, count_start_day=count_start_day)


@dataclass(frozen=True)
class ClockState:
    due_on: datetime.date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_today(self) -> bool:
        return self.days_left == 0


def state(due_on: datetime.date, today: datetime.date) -> ClockState:
    return ClockState(due_on=due_on, days_left=(due_on - today).days)
