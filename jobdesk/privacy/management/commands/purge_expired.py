"""``jobdesk purge-expired``: enqueue the retention purge (for cron), or run it now (``--now``);
either way unreferenced signature files are removed after it (``jobdesk.privacy.files``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobdesk.privacy.files import remove_orphaned_files
from jobdesk.privacy.services import purge_expired
from jobdesk.privacy.tasks import purge_expired_task


class Command(BaseCommand):
    help = "清除保存期限屆滿的個人資料（預設排入背景工作；--now 立即執行）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="立即在本程序執行")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            run = purge_expired()
            orphans = remove_orphaned_files()
            self.stdout.write(
                self.style.SUCCESS(
                    f"完成：處理 {run.seekers_processed} 人，"
                    f"法律保全略過 {run.seekers_on_hold} 人，"
                    f"異動 {run.rows_changed} 列，刪除檔案 {run.files_deleted} 個；"
                    f"另刪除未被引用的簽名檔 {orphans} 個。"
                )
            )
            return
        result = purge_expired_task.enqueue()
        self.stdout.write(f"已排入背景工作（{result.id}）；請確認 jobdesk worker 正在執行。")
