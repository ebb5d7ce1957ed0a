"""``jobdesk report-figures``: store the figures of the last ended months (nightly, from cron);
``--running``: a snapshot of the running month (every 15–30 minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobdesk.accounts.models import Office
from jobdesk.reports import aggregates, figures


class Command(BaseCommand):
    help = (
        "彙整各據點最近已結束月份的統計指標，及全部據點之職能實踐與工作量"
        "（每晚執行）；--running 彙整本月（每 15–30 分鐘執行）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=2, help="最近幾個已結束的月份（預設 2）")
        parser.add_argument("--office", help="只彙整此據點代碼（含其下據點的資料）")
        parser.add_argument(
            "--running",
            action="store_true",
            help="彙整本月（進行中）的數字與職能實踐、工作量（每 15–30 分鐘執行；"
            "未逾 JOBDESK_REPORT_FRESH_MINUTES 分鐘者，頁面即讀此彙整）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["months"] <= 36:
            raise CommandError("--months 須為 1 到 36。")
        offices = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"找不到據點代碼 {options['office']}。")
            offices = [office]
        if options["running"]:
            count = figures.refresh_running_month(offices)
            self.stdout.write(f"已彙整本月數字：{count} 個據點，及全部據點之職能實踐與工作量。")
            return
        count = figures.refresh(options["months"], offices)
        self.stdout.write(f"已彙整 {count} 筆（據點 × 月份）。")
        months = aggregates.refresh(options["months"])
        self.stdout.write(f"已彙整 {months} 個月份的職能實踐與工作量（全部據點）。")
