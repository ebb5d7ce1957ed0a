"""A PostgreSQL restart under load: the production server (``jobdesk serve``) keeps its database
connections (``CONN_MAX_AGE``) and checks them before reuse (``CONN_HEALTH_CHECKS``), so the first
request after the restart succeeds; while the database is down every request gets the zh-Hant
503 page, never a bare 500 (docs/scaling.md, "Faults the system survives").

The test runs its own PostgreSQL instance (``initdb`` in a temporary folder, a free port on
127.0.0.1, stopped at the end): the shared server other tests use is never touched.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.foundation.private_pg import PrivatePostgres, free_port, running_postgres

REPO = Path(__file__).resolve().parents[2]
UNAVAILABLE = "系統暫時無法連線資料庫"


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    with running_postgres() as pg:
        yield pg


def _get(port: int, path: str = "/healthz") -> tuple[int, str, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, body, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


@pytest.fixture
def server(private_postgres: PrivatePostgres) -> Iterator[int]:
    port = free_port()
    env = dict(os.environ) | {
        "DJANGO_SETTINGS_MODULE": "jobdesk.settings",
        "DATABASE_URL": private_postgres.url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "JOBDESK_BIND": f"127.0.0.1:{port}",
        "JOBDESK_WEB_WORKERS": "2",
        "JOBDESK_MATCH_WARM": "0",
        "JOBDESK_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen([sys.executable, "-m", "jobdesk", "serve"], env=env, cwd=REPO)
    try:
        end = time.monotonic() + 60
        while True:
            try:
                if _get(port)[0] == 200:
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


def test_the_settings_check_connections_before_reuse():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "d = settings.DATABASES['default']; print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'])",
        ],
        env=dict(os.environ)
        | {"DJANGO_SETTINGS_MODULE": "jobdesk.settings", "DATABASE_URL": "postgres://x@h/db"},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["True", "60"]


class Load:
    """Clients requesting in a loop; ``pause()`` returns once none has a request in flight."""

    def __init__(self, port: int, clients: int = 3) -> None:
        self.port = port
        self.seen: list[tuple[float, float, int, str]] = []  # (started, ended, status, body)
        self.stop = threading.Event()
        self.paused = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(clients)]

    def _run(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                if self.paused.is_set():
                    go = False
                else:
                    go = True
                    self.in_flight += 1
            if not go:
                time.sleep(0.01)
                continue
            started = time.monotonic()
            try:
                status, body, _h = _get(self.port)
            except OSError as exc:  # the server itself must never drop a request
                status, body = 0, repr(exc)
            finally:
                with self.lock:
                    self.in_flight -= 1
            self.seen.append((started, time.monotonic(), status, body))

    def __enter__(self) -> Load:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)

    def pause(self) -> None:
        self.paused.set()
        while True:
            with self.lock:
                if self.in_flight == 0:
                    return
            time.sleep(0.01)

    def resume(self) -> None:
        self.paused.clear()

    def between(self, start: float, end: float) -> list[int]:
        """Statuses of the requests made entirely within [start, end)."""
        return [s for t0, t1, s, _b in self.seen if start <= t0 and t1 < end]


def test_an_idle_connection_across_a_restart_is_replaced(
    private_postgres: PrivatePostgres, server: int
):
    """The database restarts while no request runs: both workers still hold the connection to
    the old server. The next requests succeed (the connection is checked before reuse and
    replaced); without CONN_HEALTH_CHECKS each worker's first request would fail."""
    with Load(server) as load:
        time.sleep(1.5)  # three clients, two workers: both hold a persistent connection
        load.pause()
        private_postgres.stop()
        private_postgres.start()
        back = time.monotonic()
        load.resume()
        time.sleep(1.5)
        end = time.monotonic()
    after = load.between(back, end)
    assert len(after) > 10, "the load loop hardly ran"
    assert after == [200] * len(after), after[:10]


def test_a_database_restart_under_load(private_postgres: PrivatePostgres, server: int):
    """Requests in a loop from three clients while the database restarts twice and then stays
    down a while: every request made while it is up succeeds, every one that meets the outage
    gets the zh-Hant 503 page (with Retry-After), none a 500 or a dropped connection."""
    up: list[tuple[float, float]] = []  # (database back, next stop asked)
    with Load(server) as load:
        back = time.monotonic()
        for pause in (0.0, 0.0, 2.0):
            time.sleep(1.0)
            up.append((back, time.monotonic()))
            private_postgres.stop()
            if pause:  # down a while: the page while it is down
                time.sleep(pause)
                status, body, headers = _get(server)
                assert status == 503
                assert UNAVAILABLE in body
                assert "已儲存的資料都安全保存" in body
                assert headers["retry-after"] == "30"
            private_postgres.start()
            back = time.monotonic()
        time.sleep(1.0)
        up.append((back, time.monotonic()))
    seen = load.seen
    assert len(seen) > 100, "the load loop hardly ran"
    assert {s for _a, _b, s, _t in seen} <= {200, 503}, sorted({s for _a, _b, s, _t in seen})
    assert all(UNAVAILABLE in b for _a, _b, s, b in seen if s == 503)
    for start, end in up:
        after = load.between(start, end)
        assert after, "no request while the database was up"
        assert after == [200] * len(after), (start, after[:10])
    assert any(s == 503 for _a, _b, s, _t in seen)  # the load did see the outage
