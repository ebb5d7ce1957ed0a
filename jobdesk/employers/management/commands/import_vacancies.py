"""``jobdesk import-vacancies FILE``: import vacancies from any supported format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobdesk.accounts.models import Office, User
from jobdesk.employers.services import import_file


class Command(BaseCommand):
    help = (
        "匯入職缺：台灣就業通開放資料（XML、JSON、CSV）、本系統範本（CSV、Excel）或職缺樣本 CSV；"
        "同一來源編號再次匯入時更新，不重複建立。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="檔案路徑")
        parser.add_argument("--office", default="NB-SC", help="登錄據點代碼（預設 NB-SC）")
        parser.add_argument(
            "--user", default="", help="記入異動紀錄的帳號（預設：該據點第一位雇主服務專員）"
        )
        parser.add_argument(
            "--all-or-nothing", action="store_true", help="任何一列有錯誤時不匯入任何資料"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到檔案：{path}")
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"找不到據點代碼 {options['office']}")
        actor: User | None = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"找不到帳號 {options['user']}")
        else:
            actor = User.objects.filter(office=office, role="employer_officer").first()
        result = import_file(
            path.name,
            path.read_bytes(),
            actor=actor,
            office=office,
            all_or_nothing=options["all_or_nothing"],
        )
        if result.file_error:
            raise CommandError(result.file_error)
        for row in result.rejected_rows:
            ident = f"（{row.source_id}）" if row.source_id else ""
            self.stdout.write(f"第 {row.line} 列{ident} 未匯入：{' '.join(row.errors)}")
        self.stdout.write(
            f"格式：{result.format}；新增 {result.created} 筆、更新 {result.updated} 筆、"
            f"未匯入 {result.rejected} 筆。"
        )
