"""Remove the files of list exports past JOBDESK_EXPORT_KEEP_HOURS (run hourly from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.audit.exports import purge_expired


class Command(BaseCommand):
    help = "刪除已過保存期限的清單匯出檔案（JOBDESK_EXPORT_KEEP_HOURS）。"

    def handle(self, *args: Any, **options: Any) -> None:
        n = purge_expired()
        self.stdout.write(f"已刪除 {n} 個過期的匯出檔案。")
