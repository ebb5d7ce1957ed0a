"""The clocks at their boundaries: day 14, day 7, month ends (plain date arithmetic)."""

from __future__ import annotations

import datetime

from jobdesk.statutory import clocks

D = datetime.date


def test_the_fourteen_days_end_on_day_14_and_the_certification_is_due_the_next_day():
    assert clocks.initial_window_end(D(2026, 3, 1), 14) == D(2026, 3, 15)
    assert clocks.certification_day(D(2026, 3, 1), 14, 1) == D(2026, 3, 16)
    # counting the first day (an office's other reading of 「自…之日起」)
    assert clocks.initial_window_end(D(2026, 3, 1), 14, count_start_day=True) == D(2026, 3, 14)
    # across a month end and a year end
    assert clocks.initial_window_end(D(2026, 12, 20), 14) == D(2027, 1, 3)


def test_the_reply_card_is_due_on_day_7():
    assert clocks.reply_due(D(2026, 2, 25), 7) == D(2026, 3, 4)
    due = clocks.reply_due(D(2026, 3, 1), 7)
    assert clocks.state(due, D(2026, 3, 8)).due_today
    assert not clocks.state(due, D(2026, 3, 8)).overdue
    assert clocks.state(due, D(2026, 3, 9)).overdue


def test_monthly_recertifications_are_anchored_on_the_certification_date_at_month_ends():
    # 31 January: February has no 31st, the next months do
    dues = [clocks.recert_due(D(2026, 1, 31), n, 1) for n in range(1, 5)]
    assert dues == [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31)]
    # a leap year
    assert clocks.recert_due(D(2028, 1, 30), 1, 1) == D(2028, 2, 29)
    # across the year end
    assert clocks.recert_due(D(2026, 11, 15), 2, 1) == D(2027, 1, 15)
