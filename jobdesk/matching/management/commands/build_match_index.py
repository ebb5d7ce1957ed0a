"""``jobdesk build-match-index``: build the match index and write it as the shared snapshot.

Run by the worker's schedule (cron) after the nightly batch, which writes one itself; every web
process memory-maps the newest (docs/scaling.md, ``JOBDESK_MATCH_SNAPSHOT_DIR``).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "建立媒合索引並寫成共用快照（各網頁程序以記憶體映射讀取，免各自重建）。"

    def handle(self, *args: Any, **options: Any) -> None:
        from jobdesk.matching.index_service import build_index, write_index_snapshot

        started = time.monotonic()
        live = build_index()
        built = time.monotonic() - started
        folder = write_index_snapshot(live)
        self.stdout.write(
            f"媒合索引快照已寫入 {folder}（求職者 {live.index.seekers.live_count} 位、"
            f"職缺 {live.index.vacancies.live_count} 個；建立 {built:.1f} 秒、"
            f"寫入 {time.monotonic() - started - built:.1f} 秒）。"
        )
