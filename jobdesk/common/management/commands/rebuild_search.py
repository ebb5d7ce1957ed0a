"""``jobdesk rebuild-search``: re-create the bigram term indexes (jobdesk.common.textsearch).

On SQLite a table rebuild by a later migration drops the FTS5 triggers; this puts them back and
re-reads every row's ``search_text``. On PostgreSQL it creates the GIN index if it is missing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.common.textsearch import INDEXED_TABLES, rebuild_term_index


class Command(BaseCommand):
    help = "重建求職者與職缺的全文檢索索引（二字元索引）。"

    def handle(self, *args: Any, **options: Any) -> None:
        for table in INDEXED_TABLES:
            rebuild_term_index(table)
            self.stdout.write(f"已重建 {table} 的檢索索引。")
