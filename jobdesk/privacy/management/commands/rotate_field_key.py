"""``jobdesk rotate-field-key``: re-encrypt every encrypted column and every encrypted file
(consent signatures) with the first configured key.

Put the new key first in ``JOBDESK_FIELD_KEY`` (``new,old``), run this, then remove the old key.
Legacy plaintext signature files are encrypted on the way. Counts only are printed, never values.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobdesk.privacy.files import FileRotationCount, rotate_files
from jobdesk.privacy.keys import rotate_all


def report_files(command: BaseCommand, counts: list[FileRotationCount]) -> int:
    """Write one line per file field; raise ``CommandError`` if some file could not be read."""
    total = 0
    unreadable: list[str] = []
    for count in counts:
        total += count.files
        line = f"{count.model}（{count.field} 檔案）：重新加密 {count.files} 個"
        if count.legacy:
            line += f"（其中 {count.legacy} 個原為未加密舊檔）"
        if count.missing:
            line += f"，找不到 {count.missing} 個"
        command.stdout.write(line)
        unreadable += [f"{count.model} pk={pk}" for pk in count.unreadable]
    if unreadable:
        raise CommandError(
            f"{len(unreadable)} 個檔案無法以目前設定的任何金鑰解密，未變更："
            + "、".join(unreadable)
        )
    return total


class Command(BaseCommand):
    help = "以目前第一把金鑰重新加密所有加密欄位與加密檔案（金鑰輪替）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="每批筆數（預設 500）")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for count in rotate_all(batch_size=max(1, options["batch_size"])):
            total += count.rows
            self.stdout.write(f"{count.model}（{count.field}）：重新加密 {count.rows} 筆")
        files = report_files(self, rotate_files())
        self.stdout.write(self.style.SUCCESS(f"完成：共重新加密 {total} 筆資料、{files} 個檔案。"))
