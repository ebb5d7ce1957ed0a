from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.taxonomy.loader import load_taxonomies


class Command(BaseCommand):
    help = "載入職業、行業、鄉鎮市區、教育程度與特定對象代碼（可重複執行）"

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_taxonomies()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write("分類代碼已更新。" if report.changed else "分類代碼無變更。")
