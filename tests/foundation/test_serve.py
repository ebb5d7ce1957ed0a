"""``jobdesk serve``: gunicorn with the shipped configuration, workers warming their match index;
database connections health-checked before reuse."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from jobdesk import cli, gunicorn_conf

REPO = Path(__file__).resolve().parents[2]


def test_serve_runs_gunicorn_with_the_shipped_configuration():
    argv = cli.serve_argv(["--bind", "127.0.0.1:9000"])
    assert argv[1:3] == ["--config", str(REPO / "jobdesk" / "gunicorn_conf.py")]
    assert argv[3:] == ["--bind", "127.0.0.1:9000"]
    assert gunicorn_conf.wsgi_app == "jobdesk.wsgi:application"
    assert gunicorn_conf.preload_app is False  # the match index's lock must not cross a fork


def test_workers_follow_the_cores():
    assert gunicorn_conf.default_workers(2) == 3
    assert gunicorn_conf.default_workers(16) == 17


def test_each_worker_warms_its_match_index(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "jobdesk.matching.index_service.warm_in_background", lambda: calls.append("warm")
    )
    gunicorn_conf.post_worker_init(None)
    monkeypatch.setenv("JOBDESK_MATCH_WARM", "0")
    gunicorn_conf.post_worker_init(None)
    assert calls == ["warm"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_jobdesk_serve_answers_on_its_port(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "JOBDESK_BIND": f"127.0.0.1:{port}",
        "JOBDESK_WEB_WORKERS": "1",
        "JOBDESK_MATCH_WARM": "0",
        "JOBDESK_SQLITE_PATH": str(tmp_path / "serve.sqlite3"),
        "DEBUG": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "jobdesk", "serve"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "the server exited"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert response.status == 200
        assert b'"ok"' in response.read()
    finally:
        server.terminate()
        server.wait(30)


def test_database_connections_are_health_checked():
    code = (
        "import jobdesk.settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'])"
    )
    env = {"DATABASE_URL": "postgres://jobdesk@127.0.0.1:5432/jobdesk", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "60"]
