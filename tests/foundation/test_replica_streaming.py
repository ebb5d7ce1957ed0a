"""The read-replica router against a real streaming replica (docs/scaling.md, "Reads from a
replica"): a private PostgreSQL primary, a hot standby made from it with ``pg_basebackup -R``, and
``jobdesk serve`` with ``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URL`` on the standby.

With the standby's replay paused, a vacancy added on the primary is missing from the listed
vacancy list (it read the standby) and present on the vacancy's own page (not listed: the
primary); a browser that has just written reads the primary; once replay resumes the list catches
up. A standby refuses every write, so the pages that work while reading it also show that their
writes (session, access log) went to the primary.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bench.web_bench import Browser
from tests.foundation.private_pg import (
    PrivatePostgres,
    free_port,
    running_postgres,
    running_replica,
)

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "replica-test-密碼-2026"

SETUP = r"""
import sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from jobdesk.taxonomy.loader import load_taxonomies
load_taxonomies()
from jobdesk.accounts.models import Office, OfficeKind, User
from jobdesk.accounts.roles import Role
from tests.matching.factories import make_employer, make_vacancy
centre = Office.objects.create(code="NB-SC", name="三重就業中心", kind=OfficeKind.CENTRE)
oscar = User.objects.create_user(
    username="oscar", password=sys.argv[1], role=Role.EMPLOYER_OFFICER, office=centre,
    display_name="Oscar",
)
make_vacancy(oscar, make_employer(oscar), title="倉儲理貨員甲班")
"""

ADD = r"""
import sys
import django
django.setup()
from jobdesk.accounts.models import User
from jobdesk.employers.models import Employer
from tests.matching.factories import make_vacancy
oscar = User.objects.get(username="oscar")
vacancy = make_vacancy(oscar, Employer.objects.get(), title=sys.argv[1])
print(vacancy.public_id)
"""


def _env(primary: PrivatePostgres, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "jobdesk.settings",
        "DATABASE_URL": primary.url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
        **extra,
    }


def _python(primary: PrivatePostgres, script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=_env(primary),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def _sql(pg: PrivatePostgres, query: str) -> object:
    with psycopg.connect(pg.url, autocommit=True) as conn:
        row = conn.execute(query).fetchone()
        return row[0] if row else None


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[PrivatePostgres, PrivatePostgres]]:
    with running_postgres() as primary:
        _python(primary, SETUP, PASSWORD)
        with running_replica(primary) as standby:
            yield primary, standby


@pytest.fixture(scope="module")
def server(databases: tuple[PrivatePostgres, PrivatePostgres]) -> Iterator[int]:
    primary, standby = databases
    port = free_port()
    env = _env(
        primary,
        DATABASE_REPLICA_URL=standby.url,
        JOBDESK_BIND=f"127.0.0.1:{port}",
        JOBDESK_WEB_WORKERS="1",
        JOBDESK_MATCH_WARM="0",
        JOBDESK_ACCESS_LOG="",
    )
    proc = subprocess.Popen([sys.executable, "-m", "jobdesk", "serve"], env=env, cwd=REPO)
    try:
        end = time.monotonic() + 60
        while True:
            try:
                if Browser(port).request("GET", "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > end or proc.poll() is not None:
                pytest.fail("jobdesk serve did not start")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for(condition, what: str, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_the_listed_page_reads_the_replica_and_the_rest_the_primary(
    databases: tuple[PrivatePostgres, PrivatePostgres], server: int
) -> None:
    primary, standby = databases
    assert _sql(standby, "SELECT pg_is_in_recovery()") is True  # a real standby
    assert _sql(primary, "SELECT pg_is_in_recovery()") is False

    browser = Browser(server)
    browser.login("oscar", PASSWORD)
    # the login was a write: this browser reads the primary for a while
    assert browser.cookies.get("jobdesk_primary") == "1"
    del browser.cookies["jobdesk_primary"]  # as when the pin has expired

    def vacancy_list() -> str:
        status, body, _h = browser.request("GET", "/employers/vacancies/")
        assert status == 200, status
        return body.decode()

    assert "倉儲理貨員甲班" in vacancy_list()

    _sql(standby, "SELECT pg_wal_replay_pause()")
    try:
        _wait_for(
            lambda: _sql(standby, "SELECT pg_get_wal_replay_pause_state()") == "paused",
            "the standby to pause",
        )
        public_id = _python(primary, ADD, "冷凍倉儲乙班")
        assert _sql(primary, "SELECT count(*) FROM employers_vacancy") == 2

        # the list reads the paused standby: the new vacancy is not there yet
        assert "冷凍倉儲乙班" not in vacancy_list()
        assert "倉儲理貨員甲班" in vacancy_list()
        # the vacancy's own page is not listed: it reads the primary
        status, body, _h = browser.request("GET", f"/employers/vacancies/{public_id}/")
        assert status == 200, status
        assert "冷凍倉儲乙班" in body.decode()
        # a browser that has just written reads the primary on the listed page too
        browser.cookies["jobdesk_primary"] = "1"
        assert "冷凍倉儲乙班" in vacancy_list()
        del browser.cookies["jobdesk_primary"]
        assert "冷凍倉儲乙班" not in vacancy_list()
    finally:
        _sql(standby, "SELECT pg_wal_replay_resume()")

    _wait_for(lambda: "冷凍倉儲乙班" in vacancy_list(), "the standby to catch up")
