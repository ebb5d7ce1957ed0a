"""``jobdesk monthly-reports``: enqueue each office's monthly report (from cron, each month)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobdesk.accounts.models import Office
from jobdesk.reports.periods import MONTH_RE, Period


class Command(BaseCommand):
    help = "排入各據點的月報（預設為上個月）；--office 只做一個據點，--now 立即執行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM（預設上個月）")
        parser.add_argument("--office", help="據點代碼（預設所有啟用中的據點）")
        parser.add_argument("--now", action="store_true", help="在本程序立即執行，不經背景工作")

    def handle(self, *args: Any, **options: Any) -> None:
        from jobdesk.reports.tasks import execute, request_monthly_report

        if options["month"] and not MONTH_RE.match(options["month"]):
            raise CommandError("--month 格式為 YYYY-MM。")
        month = (
            Period.parse_month(options["month"])
            if options["month"]
            else Period.this_month().previous()
        )
        offices = Office.objects.filter(is_active=True)
        if options["office"]:
            offices = offices.filter(code=options["office"])
            if not offices.exists():
                raise CommandError(f"找不到據點 {options['office']}。")
        for office in offices:
            report = request_monthly_report(office=office, month=month)
            if options["now"]:
                execute(report)
            self.stdout.write(f"{office.name} {month.key} 月報：{report.get_status_display()}")
