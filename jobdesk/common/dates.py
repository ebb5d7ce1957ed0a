"""Calendar dates of timestamps: always the office's date (TIME_ZONE, Asia/Taipei), never UTC.

Timestamps are stored in UTC. ``value.date()`` on one gives the UTC date, which from 00:00 to
08:00 in Taipei is yesterday: a case opened at 00:30 on 3 December would be "due 2 December,
overdue". Every date derived from a timestamp goes through ``local_date``; a test fails on a
``.date()`` call on a timestamp attribute anywhere in the code.
"""

from __future__ import annotations

import datetime

from django.utils import timezone


def local_date(value: datetime.datetime) -> datetime.date:
    """The date of ``value`` (an aware timestamp) in the configured time zone."""
    return timezone.localdate(value)


def local_text(value: datetime.datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``value`` written in the configured time zone (for ``__str__`` and plain-text exports)."""
    return timezone.localtime(value).strftime(fmt)
