"""A bulk re-check of open vacancies under §5 after the checker's rules change, with progress."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES
from jobdesk.common.models import ScopedModel


class RecheckStatus(models.TextChoices):
    QUEUED = "queued", "排程中"
    RUNNING = "running", "執行中"
    DONE = "done", "完成"
    FAILED = "failed", "失敗"


class AdRecheckRun(ScopedModel):
    """One re-check of every open vacancy that its starter may change (their office subtree).

    ``office`` is the starter's office; the run is read through ``for_user`` like a vacancy.
    """

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="啟動人", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "狀態", max_length=10, choices=RecheckStatus.choices, default=RecheckStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField("已檢核", default=0)
    progress_total = models.PositiveIntegerField("職缺數", default=0)
    vacancies_changed = models.PositiveIntegerField("結果有變動的職缺", default=0)
    new_findings = models.PositiveIntegerField("新增檢核結果", default=0)
    resolved_findings = models.PositiveIntegerField("消除檢核結果", default=0)
    started_at = models.DateTimeField("開始時間", null=True, blank=True)
    finished_at = models.DateTimeField("結束時間", null=True, blank=True)
    error = models.TextField("錯誤訊息", blank=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": EMPLOYER_CHANGE_ROLES,
        "change": EMPLOYER_CHANGE_ROLES,
    }

    class Meta:
        verbose_name = "職缺就業歧視重新檢核"
        verbose_name_plural = "職缺就業歧視重新檢核"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"職缺重新檢核 {self.created_at:%Y-%m-%d %H:%M}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (RecheckStatus.DONE, RecheckStatus.FAILED)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == RecheckStatus.DONE else 0
        return int(100 * self.progress_done / self.progress_total)
