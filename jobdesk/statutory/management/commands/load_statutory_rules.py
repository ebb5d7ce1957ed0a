from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobdesk.statutory.rules import load_rules


class Command(BaseCommand):
    help = (
        "Load the statutory rules (amounts, limits, clocks) shipped in statutory/data/rules.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replace",
            action="store_true",
            help="also overwrite rows that exist (discards administrators' corrections)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = load_rules(replace=options["replace"])
        self.stdout.write(f"法定規則：新增 {created} 筆，更新 {updated} 筆。")
