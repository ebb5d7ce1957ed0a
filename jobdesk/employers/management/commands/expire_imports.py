"""``jobdesk expire-imports``: drop the bytes of staged import files never imported (nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.employers.services import expire_import_batches


class Command(BaseCommand):
    help = "清除超過保存期限（JOBDESK_IMPORT_STAGE_HOURS）仍未匯入的上傳檔案內容。"

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_import_batches()
        self.stdout.write(f"已清除 {count} 個逾期未匯入的上傳檔案。")
