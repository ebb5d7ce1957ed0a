"""The heartbeat of a background task while a worker runs it (jobdesk.background.recovery)."""

from __future__ import annotations

from django.db import models


class TaskHeartbeat(models.Model):
    """Written every ``JOBDESK_TASK_HEARTBEAT`` seconds by the worker running the task; a task
    left RUNNING without a recent heartbeat was abandoned (its worker was killed) and is
    queued again."""

    task_id = models.UUIDField("工作識別碼", primary_key=True)
    worker_id = models.CharField("執行者", max_length=64)
    beat_at = models.DateTimeField("最後回報時間", db_index=True)

    class Meta:
        verbose_name = "背景工作心跳"
        verbose_name_plural = "背景工作心跳"

    def __str__(self) -> str:
        return f"{self.task_id} @ {self.worker_id}"
