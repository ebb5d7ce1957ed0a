from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobdesk.statutory.reminders import due_report, lines


class Command(BaseCommand):
    help = "List the statutory deadlines due soon or overdue, per counsellor and supervisor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        report = due_report(options["date"])
        for line in lines(report):
            self.stdout.write(line)
        self.stdout.write(f"共 {len(report)} 位人員有待辦之法定期限。")
