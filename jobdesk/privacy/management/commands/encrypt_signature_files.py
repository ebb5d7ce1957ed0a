"""``jobdesk encrypt-signature-files``: encrypt, in place, the signature files stored in plaintext
before encryption at rest was introduced (privacy migration 0002). Idempotent: files already
encrypted are left alone; run it once after upgrading. Until then those files are still served.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jobdesk.privacy.files import rotate_files
from jobdesk.privacy.management.commands.rotate_field_key import report_files


class Command(BaseCommand):
    help = "將加密功能上線前以明文儲存的簽名檔就地加密（可重複執行）"

    def handle(self, *args: Any, **options: Any) -> None:
        files = report_files(self, rotate_files(only_plaintext=True))
        self.stdout.write(self.style.SUCCESS(f"完成：共加密 {files} 個舊簽名檔。"))
