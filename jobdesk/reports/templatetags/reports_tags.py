"""Template filters of the reports: table cells shown as the files show them."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    """A table cell: dates as YYYY-MM-DD, nothing for ``None``, numbers with thousands."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
