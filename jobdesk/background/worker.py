"""The database worker with heartbeats and recovery of abandoned tasks (see recovery.py)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jobdesk.background.recovery import (
    Pulse,
    beat,
    heartbeat_seconds,
    requeue_stale,
    visibility_timeout,
)


class RecoveringWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat_s = heartbeat_seconds()
        self.timeout_s = visibility_timeout()

    def run(self) -> None:
        requeue_stale(self.timeout_s)  # what a killed worker left behind
        reaper = Pulse(
            "jobdesk-task-reaper",
            max(self.timeout_s / 4, 1.0),
            lambda: requeue_stale(self.timeout_s),
        )
        reaper.start()
        try:
            super().run()
        finally:
            reaper.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:  # type: ignore[type-arg]
        task_id, worker_id = db_task_result.id, self.worker_id
        beat(task_id, worker_id)
        pulse = Pulse("jobdesk-task-heartbeat", self.heartbeat_s, lambda: beat(task_id, worker_id))
        pulse.start()
        try:
            super().run_task(db_task_result)
        finally:
            pulse.stop()
            from jobdesk.background.models import TaskHeartbeat

            TaskHeartbeat.objects.filter(task_id=task_id).delete()
