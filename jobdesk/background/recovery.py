"""Background tasks survive a killed worker: heartbeats and a visibility timeout.

django-tasks-db marks a task RUNNING when a worker claims it and nothing else: a worker killed
with ``kill -9``, by the OOM killer or a lost host leaves it RUNNING for ever. jobdesk's worker
(``jobdesk worker`` → ``task_worker``) writes a heartbeat for the task it runs every
``JOBDESK_TASK_HEARTBEAT`` seconds; every worker, when it starts and then periodically, puts back
to READY the RUNNING tasks whose heartbeat (or, before the first one, whose start) is older than
``JOBDESK_TASK_VISIBILITY_TIMEOUT`` seconds, so another worker runs them again.

That is at-least-once delivery: a task may run twice (a worker that was only frozen may still
finish), so task bodies are idempotent (the match batch replaces its results in one transaction
and a finished run is not recomputed; the retention purge skips what it already anonymised).
"""

from __future__ import annotations

import datetime
import logging
import threading
import uuid

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobdesk.background.models import TaskHeartbeat

logger = logging.getLogger("jobdesk.background")


def heartbeat_seconds() -> float:
    return float(getattr(settings, "JOBDESK_TASK_HEARTBEAT", 15))


def visibility_timeout() -> float:
    return float(getattr(settings, "JOBDESK_TASK_VISIBILITY_TIMEOUT", 120))


def beat(task_id: uuid.UUID, worker_id: str) -> None:
    TaskHeartbeat.objects.update_or_create(
        task_id=task_id, defaults={"worker_id": worker_id[:64], "beat_at": timezone.now()}
    )


def requeue_stale(timeout: float | None = None, *, now: datetime.datetime | None = None) -> int:
    """Put abandoned RUNNING tasks back to READY; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        seconds=visibility_timeout() if timeout is None else timeout
    )
    fresh = TaskHeartbeat.objects.filter(task_id=OuterRef("pk"), beat_at__gte=cutoff)
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
            .exclude(Exists(fresh))
            .select_for_update(skip_locked=True)
        )
        for result in stale:
            logger.warning(
                "task %s (%s) abandoned by worker %s: queued again",
                result.id,
                result.task_path,
                (result.worker_ids or ["?"])[-1],
            )
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
        TaskHeartbeat.objects.filter(task_id__in=[r.id for r in stale]).delete()
    return len(stale)


class Pulse(threading.Thread):
    """Calls ``action`` every ``every`` seconds on its own thread (own database connection)
    until stopped."""

    def __init__(self, name: str, every: float, action: object) -> None:
        super().__init__(name=name, daemon=True)
        self.every = every
        self.action = action
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.action()  # type: ignore[operator]
                except Exception:
                    logger.exception("%s failed; trying again in %.0f s", self.name, self.every)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join(self.every + 5)
