from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.standard.loader import load_standard


class Command(BaseCommand):
    help = "載入職能基準 BHR3333-004v2（可重複執行）"

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = load_standard()
        self.stdout.write(f"職能基準：新增 {created}，更新 {updated}。")
