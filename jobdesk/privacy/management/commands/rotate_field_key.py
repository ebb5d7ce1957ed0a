"""``jobdesk rotate-field-key``: re-encrypt every encrypted column with the first configured key.

Put the new key first in ``JOBDESK_FIELD_KEY`` (``new,old``), run this, then remove the old key.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobdesk.privacy.keys import rotate_all


class Command(BaseCommand):
    help = "以目前第一把金鑰重新加密所有加密欄位（金鑰輪替）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="每批筆數（預設 500）")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for count in rotate_all(batch_size=max(1, options["batch_size"])):
            total += count.rows
            self.stdout.write(f"{count.model}（{count.field}）：重新加密 {count.rows} 筆")
        self.stdout.write(self.style.SUCCESS(f"完成：共重新加密 {total} 筆資料。"))
