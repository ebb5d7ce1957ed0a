"""``jobdesk clean-signature-files``: delete signature files that no consent names (written by a
transaction that rolled back, or left by a crash), older than the grace period. The nightly
retention task (``jobdesk purge-expired``) runs the same cleanup.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobdesk.privacy.files import ORPHAN_GRACE, remove_orphaned_files


class Command(BaseCommand):
    help = "刪除沒有任何同意書引用的簽名檔（交易回復或中斷後遺留者）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=int(ORPHAN_GRACE.total_seconds() // 60),
            help="只刪除至少這麼多分鐘前寫入的檔案（預設 60，保護進行中的交易）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        grace = datetime.timedelta(minutes=max(0, options["grace_minutes"]))
        deleted = remove_orphaned_files(grace)
        self.stdout.write(self.style.SUCCESS(f"完成：刪除 {deleted} 個未被引用的簽名檔。"))
