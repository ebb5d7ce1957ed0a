"""``jobdesk load-demo``: the demo data set. Idempotent: a second run changes and loses nothing."""

from __future__ import annotations

import os
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand

from jobdesk.cases import demo as cases_demo
from jobdesk.common.db import refresh_planner_statistics
from jobdesk.demo.offices import ensure_accounts, ensure_offices
from jobdesk.employers import demo as employers_demo
from jobdesk.matching import demo as matching_demo
from jobdesk.privacy import demo as privacy_demo
from jobdesk.referrals import demo as referrals_demo


class Command(BaseCommand):
    help = "建立示範據點、各角色示範帳號與示範資料（可重複執行）"

    def handle(self, *args: Any, **options: Any) -> None:
        offices = ensure_offices()
        self.stdout.write(f"示範據點：新增 {offices}。")
        accounts = ensure_accounts()
        accounts_file = settings.VAR_DIR / "demo-accounts.txt"
        if accounts:
            lines = ["帳號\t姓名\t角色\t據點\t密碼"] + [
                f"{a.username}\t{a.display_name}\t{a.role}\t{a.office}\t{a.password}"
                for a in accounts
            ]
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            with open(accounts_file, "a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
            os.chmod(accounts_file, 0o600)
            self.stdout.write(
                self.style.SUCCESS(f"已建立示範帳號（密碼只顯示這一次，另存於 {accounts_file}）：")
            )
            for line in lines:
                self.stdout.write("  " + line)
        else:
            self.stdout.write(f"示範帳號已存在；密碼見 {accounts_file}。")
        # Each app's demo rows, in the order they depend on each other.
        for load in (
            employers_demo.load_demo,
            cases_demo.load_demo,
            referrals_demo.load_demo,
            privacy_demo.load_demo,
            matching_demo.load_demo,
        ):
            load(cast(TextIO, self.stdout))
        refresh_planner_statistics()
