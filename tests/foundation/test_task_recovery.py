"""Background tasks survive a killed worker: the task it left RUNNING is queued again and a
second worker finishes it, once (jobdesk.background.recovery)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobdesk.background.models import TaskHeartbeat
from jobdesk.background.recovery import requeue_stale

REPO = Path(__file__).resolve().parents[2]


def _running(started_ago_s: float) -> DBTaskResult:  # type: ignore[type-arg]
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tests.testapp.tasks.record_once",
        backend_name="default",
        queue_name="default",
        priority=0,
        run_after=timezone.now(),
        started_at=timezone.now() - datetime.timedelta(seconds=started_ago_s),
        worker_ids=["dead-worker"],
    )


@pytest.mark.django_db
def test_a_running_task_without_a_fresh_heartbeat_is_queued_again():
    # given: one task whose worker stopped beating, one whose worker beats, one just claimed
    abandoned = _running(600)
    TaskHeartbeat.objects.create(
        task_id=abandoned.id,
        worker_id="dead-worker",
        beat_at=timezone.now() - datetime.timedelta(seconds=300),
    )
    alive = _running(600)
    TaskHeartbeat.objects.create(task_id=alive.id, worker_id="w2", beat_at=timezone.now())
    just_claimed = _running(1)
    # when
    requeued = requeue_stale(120)
    # then
    assert requeued == 1
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert statuses[abandoned.id] == TaskResultStatus.READY
    assert statuses[alive.id] == TaskResultStatus.RUNNING
    assert statuses[just_claimed.id] == TaskResultStatus.RUNNING
    assert not TaskHeartbeat.objects.filter(task_id=abandoned.id).exists()


def _run(args: list[str], env: dict[str, str], **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "jobdesk", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        **kwargs,
    )


def test_kill_9_mid_task_then_a_second_worker_finishes_it(tmp_path):
    # given: a database of its own on disk, an office, a task enqueued on the database backend
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "JOBDESK_SQLITE_PATH": str(tmp_path / "worker.sqlite3"),
        "PYTHONPATH": str(REPO),
    }
    started = tmp_path / "started"
    key = f"done-{uuid.uuid4().hex[:8]}"
    _run(["migrate", "--verbosity", "0"], env)
    setup = (
        "import django; django.setup()\n"
        "from jobdesk.accounts.models import Office\n"
        "from tests.testapp.tasks import record_once\n"
        "Office.objects.create(code='T', name='測試據點', kind='centre')\n"
        f"print(record_once.enqueue({key!r}, {str(started)!r}).id)\n"
    )
    task_id = subprocess.run(
        [sys.executable, "-c", setup],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()
    first = subprocess.Popen(
        [sys.executable, "-m", "jobdesk", "worker", "--no-startup-delay", "--interval", "0.2"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert first.poll() is None, "the first worker died before the task started"
            assert time.monotonic() < deadline, "the task never started"
            time.sleep(0.1)
        # when: the worker is killed mid-task (no cleanup can run), and the timeout passes
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    time.sleep(3.5)
    _run(["worker", "--batch", "--no-startup-delay", "--interval", "0.2"], env)
    # then: the second worker ran it to the end, and its work is recorded once
    check = (
        "import django; django.setup()\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from tests.testapp.models import Note\n"
        f"r = DBTaskResult.objects.get(id={task_id!r})\n"
        f"print(r.status, len(r.worker_ids), Note.objects.filter(text={key!r}).count())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    assert out == ["SUCCESSFUL", "2", "1"]
