"""``jobdesk check-ads FILE``: the §5 ad checker over JSON lines or CSV (``-`` = stdin)."""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobdesk.domain.adcheck import check_jsonl_stream


class Command(BaseCommand):
    help = "依就業服務法第5條檢核職缺廣告（JSON lines 或 CSV；- 為標準輸入），結果輸出至標準輸出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="檔案路徑，或 - 代表標準輸入")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        if name == "-":
            check_jsonl_stream(sys.stdin, cast(TextIO, self.stdout))
            return
        try:
            with open(name, encoding="utf-8-sig", newline="") as infile:
                check_jsonl_stream(infile, cast(TextIO, self.stdout))
        except FileNotFoundError as exc:
            raise CommandError(f"找不到檔案：{name}") from exc
