"""Shared fixtures: offices, personas per role and office, network blocked, reference data.

Personas (after Healthchecks' alice/bob/charlie):
  alice   counsellor, 三重就業中心 (centre A)      bob     counsellor, centre A
  sam     supervisor, centre A                    oscar   employer-service officer, centre A
  charlie counsellor, 臺中就業中心 (centre C, the outsider)
  tina    supervisor, centre C                    adam    administrator
  audrey  auditor, north branch
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "correct-horse-battery-staple-42"
SHARED_DIR = Path(
    os.environ.get("JOBDESK_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
CHROMIUM = (
    os.environ.get("JOBDESK_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)


def pytest_report_header(config: Any) -> list[str]:
    db = os.environ.get("DATABASE_URL")
    return [
        "jobdesk database: "
        + (f"PostgreSQL/other via DATABASE_URL ({db.split('@')[-1]})" if db else "SQLite"),
        "jobdesk browser tests: "
        + (
            f"Chromium at {CHROMIUM}"
            if CHROMIUM
            else "SKIPPED — no Chromium found (apt-get install chromium)"
        ),
        "jobdesk shared data: "
        + (str(SHARED_DIR) if SHARED_DIR.exists() else f"absent ({SHARED_DIR})"),
    ]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not CHROMIUM:
        terminalreporter.write_line(
            "瀏覽器測試：已略過（找不到 Chromium；請安裝 Debian 的 chromium 套件）", yellow=True
        )
    if not os.environ.get("DATABASE_URL"):
        terminalreporter.write_line(
            "本次以 SQLite 執行；設定 DATABASE_URL 可在 PostgreSQL 上執行。"
        )


class _BlockedSocket(socket.socket):
    def connect(self, address: Any) -> None:  # type: ignore[override]
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and not host.startswith("/")
        ):
            raise RuntimeError(f"tests may not reach the network ({host})")
        super().connect(address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _BlockedSocket)


@pytest.fixture(autouse=True)
def _own_match_snapshot_dir(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test its own (empty) match index snapshot folder: a snapshot written by one test
    (the nightly batch writes one) is never read by another."""
    settings.JOBDESK_MATCH_SNAPSHOT_DIR = tmp_path_factory.mktemp("match-index")


@pytest.fixture
def reference_data(db: Any) -> None:
    from jobdesk.standard.loader import load_standard
    from jobdesk.taxonomy.loader import load_taxonomies

    load_taxonomies()
    load_standard()


@pytest.fixture
def offices(db: Any) -> dict[str, Any]:
    from jobdesk.accounts.models import Office, OfficeKind

    north = Office.objects.create(code="NB", name="北基宜花金馬分署", kind=OfficeKind.BRANCH)
    centre_a = Office.objects.create(
        code="NB-SC", name="三重就業中心", kind=OfficeKind.CENTRE, parent=north
    )
    desk_a = Office.objects.create(
        code="NB-SC-LZ", name="蘆洲就業服務台", kind=OfficeKind.DESK, parent=centre_a
    )
    centre_b = Office.objects.create(
        code="NB-KL", name="基隆就業中心", kind=OfficeKind.CENTRE, parent=north
    )
    central = Office.objects.create(code="CT", name="中彰投分署", kind=OfficeKind.BRANCH)
    centre_c = Office.objects.create(
        code="CT-TC", name="臺中就業中心", kind=OfficeKind.CENTRE, parent=central
    )
    return {
        "north": north,
        "a": centre_a,
        "a_desk": desk_a,
        "b": centre_b,
        "central": central,
        "c": centre_c,
    }


def make_user(username: str, role: str, office: Any, **extra: Any) -> Any:
    from jobdesk.accounts.models import User

    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        office=office,
        display_name=extra.pop("display_name", username.title()),
        **extra,
    )


@pytest.fixture
def personas(offices: dict[str, Any]) -> dict[str, Any]:
    from jobdesk.accounts.roles import Role

    return {
        "alice": make_user("alice", Role.COUNSELLOR, offices["a"]),
        "bob": make_user("bob", Role.COUNSELLOR, offices["a"]),
        "sam": make_user("sam", Role.SUPERVISOR, offices["a"]),
        "oscar": make_user("oscar", Role.EMPLOYER_OFFICER, offices["a"]),
        "charlie": make_user("charlie", Role.COUNSELLOR, offices["c"]),
        "tina": make_user("tina", Role.SUPERVISOR, offices["c"]),
        "adam": make_user("adam", Role.ADMINISTRATOR, offices["north"]),
        "audrey": make_user("audrey", Role.AUDITOR, offices["north"]),
    }


@pytest.fixture(autouse=True)
def _force_login_passes_2fa(monkeypatch: pytest.MonkeyPatch) -> None:
    """``force_login`` bypasses authentication, so it satisfies the second factor too (the
    TOTP flow itself is tested in tests/privacy/test_otp.py with real logins)."""
    from django.test import Client

    from jobdesk.privacy.otp import SESSION_KEY

    original = Client.force_login

    def force_login(self: Any, user: Any, backend: Any = None) -> None:
        original(self, user, backend)
        session = self.session
        session[SESSION_KEY] = user.pk
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def client_for(client: Any) -> Any:
    """``client_for(user)``: the test client logged in as ``user``."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login
