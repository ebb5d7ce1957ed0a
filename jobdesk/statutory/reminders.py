"""Daily reminders: what each counsellor and supervisor must do today, tomorrow, or has let slip.

``due_report(today)`` lists, per active casework account, the deadlines due within
``REMIND_DAYS`` and those overdue (the same selector as the home panel). The django-tasks task
``send_reminders`` and the command ``jobdesk statutory-reminders`` (run daily from cron) log or
print it; nothing is written (delivery by e-mail is not built yet).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_tasks import task

from jobdesk.accounts.roles import Role
from jobdesk.statutory.selectors import Deadline, deadlines_for

REMIND_DAYS = 2
log = logging.getLogger("jobdesk.statutory.reminders")


@dataclass(frozen=True)
class Reminder:
    user: Any
    due: list[Deadline]
    overdue: list[Deadline]


def due_report(today: datetime.date | None = None) -> list[Reminder]:
    from jobdesk.accounts.models import User

    day = today or timezone.localdate()
    out = []
    for user in User.objects.filter(
        is_active=True, role__in=[Role.COUNSELLOR, Role.SUPERVISOR], office__isnull=False
    ).select_related("office"):
        rows = deadlines_for(user, day)
        due = [d for d in rows if 0 <= d.days_left <= REMIND_DAYS]
        late = [d for d in rows if d.overdue]
        if due or late:
            out.append(Reminder(user, due, late))
    return out


def lines(report: list[Reminder]) -> list[str]:
    out = []
    for r in report:
        out.append(f"{r.user.username}：即將到期 {len(r.due)} 件，逾期 {len(r.overdue)} 件")
        for d in [*r.overdue, *r.due]:
            out.append(f"  {d.due_on} {d.state_label} {d.label}（{d.seeker.name}）")
    return out


@task()
def send_reminders() -> int:
    """The daily reminder run (a django-tasks task): the report, logged per account."""
    report = due_report()
    for line in lines(report):
        log.info(line)
    return len(report)
