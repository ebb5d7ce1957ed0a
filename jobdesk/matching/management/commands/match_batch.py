"""``jobdesk match-batch``: enqueue the nightly all-pairs match (``--now`` runs it inline)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "排入夜間批次媒合（所有求職中的求職者 × 所有開放職缺，雙向前 K 名）；--now 立即執行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--top", type=int, default=20, help="每位求職者／每個職缺保留幾筆（1–100）"
        )
        parser.add_argument("--now", action="store_true", help="在本程序立即執行，不經背景工作")

    def handle(self, *args: Any, **options: Any) -> None:
        from jobdesk.matching.tasks import execute_run, run_match_batch, start_run

        try:
            run = start_run(options["top"])
        except ValueError as exc:
            raise CommandError("--top 須為 1 到 100。") from exc
        if options["now"]:
            run = execute_run(run)
            self.stdout.write(
                f"批次媒合完成：求職者 {run.seekers} 位、職缺 {run.vacancies} 個、"
                f"建議 {run.suggestions} 筆。"
            )
        else:
            result = run_match_batch.enqueue(run_id=run.pk)
            self.stdout.write(f"已排入批次媒合（批次 {run.pk}，工作 {result.id}）。")
