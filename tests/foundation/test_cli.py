"""The ``jobdesk`` console command maps operators' hyphenated names onto Django commands."""

import subprocess
import sys

import pytest

from jobdesk import cli


def test_hyphenated_command_names_are_mapped(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.setdefault("argv", argv),
    )
    cli.main(["jobdesk", "load-taxonomies", "--verbosity", "0"])
    assert seen["argv"] == ["jobdesk", "load_taxonomies", "--verbosity", "0"]


@pytest.mark.parametrize(("backend", "command"), [("database", "task_worker"), ("rq", "rqworker")])
def test_worker_starts_the_configured_backend(monkeypatch, backend, command):
    seen = {}
    monkeypatch.setenv("JOBDESK_TASK_BACKEND", backend)
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.setdefault("argv", argv),
    )
    cli.main(["jobdesk", "worker"])
    assert seen["argv"][1] == command


def test_production_mode_refuses_to_start_without_secrets():
    code = "import jobdesk.settings"
    env = {"JOBDESK_PRODUCTION": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
