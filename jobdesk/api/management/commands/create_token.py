"""``jobdesk create-token``: an API token from the command line (shown once).

  jobdesk create-token --by adam --user alice --name 同步 --scope cases:read --days 30
  jobdesk create-token --by adam --service-account ntpc-sync --office NB-SC --role counsellor \\
      --scope cases:read --scope matching:write --name 新北市個案系統
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jobdesk.accounts.models import Office, User
from jobdesk.api import services
from jobdesk.api.scopes import ALL_SCOPES


class Command(BaseCommand):
    help = "建立 API 權杖（只顯示一次）；可同時建立服務帳號。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", required=True, help="建立者（系統管理者帳號）")
        parser.add_argument("--name", required=True, help="權杖名稱")
        parser.add_argument("--user", help="代表的既有工作人員帳號（個人存取權杖）")
        parser.add_argument("--service-account", help="新服務帳號名稱")
        parser.add_argument("--office", help="服務帳號的據點代碼")
        parser.add_argument(
            "--role", help="服務帳號的角色（counsellor、supervisor、employer_officer）"
        )
        parser.add_argument(
            "--scope", action="append", default=[], choices=ALL_SCOPES, help="可重複"
        )
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["by"]).first()
        if actor is None:
            raise CommandError(f"找不到帳號 {options['by']}。")
        user: Any
        try:
            with transaction.atomic():
                if options["service_account"]:
                    office = Office.objects.filter(code=options["office"] or "").first()
                    user = services.create_service_account(
                        actor=actor,
                        username=options["service_account"],
                        display_name=options["service_account"],
                        office=office,
                        role=options["role"] or "",
                    ).user
                else:
                    user = User.objects.filter(username=options["user"] or "").first()
                issued = services.issue_token(
                    actor=actor,
                    user=user,
                    name=options["name"],
                    scopes=options["scope"],
                    days=options["days"],
                )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write("權杖只顯示這一次，請妥善保存：")
        self.stdout.write(issued.secret)
