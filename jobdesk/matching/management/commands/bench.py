"""``jobdesk bench [args] --json FILE``: the matching benchmark (``bench/matching_bench.py``)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

HELP = (
    "執行媒合效能測試 bench/matching_bench.py（參數照原樣傳入，例如 --quick --json out.json）。"
    "bench/ 是原始碼目錄根下的套件，不隨安裝套件發行：請在原始碼目錄中執行。"
)


def bench_main() -> Any:
    try:
        from bench.matching_bench import main
    except ImportError as exc:
        raise CommandError(
            "無法載入 bench.matching_bench：請在 jobdesk 原始碼目錄（含 bench/）中執行此指令。"
        ) from exc
    return main


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bench_args", nargs="*", help="傳給 matching_bench 的參數")

    def run_from_argv(self, argv: list[str]) -> None:
        # Everything after "bench" goes to the benchmark's own argparse (it has --json, --quick…).
        if any(a in ("-h", "--help") for a in argv[2:]):
            super().run_from_argv(argv)
            return
        self._run(argv[2:])

    def handle(self, *args: Any, **options: Any) -> None:
        self._run(list(options.get("bench_args") or []))

    def _run(self, bench_args: list[str]) -> None:
        main = bench_main()
        saved = sys.argv
        sys.argv = ["matching_bench", *bench_args]
        try:
            main()
        finally:
            sys.argv = saved
