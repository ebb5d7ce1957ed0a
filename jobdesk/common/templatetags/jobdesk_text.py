"""How the screens and print pages write things: headings with a task code, addresses, the
standard's items with their text, and dates in 民國 years on Taiwanese forms.

``{% load jobdesk_text %}`` then:

* ``{% task_heading title task %}``: the task code once, then the title (a title that already
  ends in 「（T1.3）」 loses it: 「T1.3 確認就業服務需求」, never 「T1.3確認就業服務需求（T1.3）」);
* ``address|with_township:township``: the township once, whether or not the address repeats it;
* ``code|standard_item``: 「P1.1.1 運用各種管道…」 for a code of BHR3333-004v2;
* ``date|form_date``: 「民國 115 年 12 月 3 日」 when ``JOBDESK_ROC_DATES`` is on, ISO otherwise.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from jobdesk.standard.loader import standard_rows

register = template.Library()

ROC_OFFSET = 1911  # 民國元年 = 1912


@lru_cache(maxsize=1)
def _standard_titles() -> dict[str, str]:
    return {row["code"]: row["title"] for row in standard_rows()}


def standard_item_label(code: str) -> str:
    """「P1.1.1 title」 for a code of the standard; the bare code when it is not one."""
    title = _standard_titles().get(code)
    return f"{code} {title}" if title else code


@register.filter
def standard_item(code: Any) -> str:
    return standard_item_label(str(code))


@register.simple_tag
def task_heading(title: Any, task: Any = "") -> str:
    title, task = str(title or ""), str(task or "")
    if not task:
        return format_html("{}", title)
    title = re.sub(rf"\s*（{re.escape(task)}）\s*$", "", title)
    if title.startswith(task):
        title = title[len(task) :].lstrip()
    return format_html('<span class="code">{}</span> {}', task, title)


def roc_date(day: datetime.date) -> str:
    year = day.year - ROC_OFFSET
    return f"民國 {year} 年 {day.month} 月 {day.day} 日" if year > 0 else day.isoformat()


@register.filter
def form_date(value: Any) -> str:
    """A date on a printed form: 民國 years when ``JOBDESK_ROC_DATES`` is on (the default)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return str(value)
    return roc_date(value) if getattr(settings, "JOBDESK_ROC_DATES", True) else value.isoformat()
