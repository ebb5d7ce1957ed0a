"""The change log (AuditEvent) and the personal-data access log (AccessEvent).

Both are append-only: rows are written by ``jobdesk.audit.services`` inside the transaction of the
change they record, and nothing in the product updates or deletes them.
"""

from __future__ import annotations

import json
import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.common.crypto import EncryptedTextField
from jobdesk.common.dates import local_text
from jobdesk.common.models import ScopedQuerySet
from jobdesk.common.progress import progress_percent
from jobdesk.common.roles import LOG_VIEW_ROLES

# Who reads the logs of an office subtree: ``objects.for_user(user, "log")``.
_LOG_SCOPE: dict[str, frozenset[str]] = {"log": LOG_VIEW_ROLES}


class AuditEvent(models.Model):
    """One change of state: who did what to which record, with the values before and after."""

    created_at = models.DateTimeField("時間", auto_now_add=True, db_index=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _LOG_SCOPE
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作者名稱", max_length=150, blank=True)
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name="據點",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event_type = models.CharField("事件", max_length=80, db_index=True)
    subject_type = models.CharField("對象類型", max_length=80)
    subject_id = models.CharField("對象識別碼", max_length=64, db_index=True)
    subject_label = models.CharField("對象", max_length=200, blank=True)
    before = models.JSONField("變更前", null=True, blank=True)
    after = models.JSONField("變更後", null=True, blank=True)
    ip_address = models.GenericIPAddressField("來源位址", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "異動紀錄"
        verbose_name_plural = "異動紀錄"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "created_at"]),
            # the workload report's intake counts (reports.workload): events of a type in a month
            models.Index(fields=["event_type", "created_at"], name="audit_type_created"),
        ]

    def __str__(self) -> str:
        return f"{local_text(self.created_at)} {self.actor_label} {self.event_type}"


class AccessAction(models.TextChoices):
    VIEW = "view", "檢視"
    PRINT = "print", "列印"
    EXPORT = "export", "匯出"
    SEARCH = "search", "查詢"


class AccessEvent(models.Model):
    """One read of a job seeker's personal data (PDPA Art. 27: who, when, what, from where)."""

    created_at = models.DateTimeField("時間", auto_now_add=True, db_index=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _LOG_SCOPE
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="檢視者", on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("檢視者名稱", max_length=150, blank=True)
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name="據點",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("動作", max_length=10, choices=AccessAction.choices)
    subject_type = models.CharField("對象類型", max_length=80)
    subject_id = models.CharField("對象識別碼", max_length=64, db_index=True)
    what = models.CharField("內容", max_length=200, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)
    outside_caseload = models.BooleanField("非本人承辦", default=False)
    ip_address = models.GenericIPAddressField("來源位址", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "個資存取紀錄"
        verbose_name_plural = "個資存取紀錄"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{local_text(self.created_at)} {self.actor_label} {self.action} {self.subject_id}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "排隊中"
    RUNNING = "running", "產製中"
    DONE = "done", "完成"
    FAILED = "failed", "失敗"
    EXPIRED = "expired", "已過期"


class ExportJob(models.Model):
    """A list export too large to make during the request, made by a background task
    (jobdesk.audit.tasks). The file is encrypted at rest, downloadable only by the member of
    staff who asked, and removed after ``JOBDESK_EXPORT_KEEP_HOURS`` (``jobdesk purge_exports``)."""

    public_id = models.UUIDField("識別碼", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("申請時間", auto_now_add=True, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申請人", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "accounts.Office",
        verbose_name="據點",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    list_key = models.CharField("清單", max_length=40)
    title = models.CharField("清單名稱", max_length=100)
    fmt = models.CharField("格式", max_length=4)
    # The filter's parameters as JSON, encrypted: a search may name a person (a national ID).
    params_json = EncryptedTextField("篩選參數（加密）", blank=True, default="")
    personal_data = models.BooleanField("含求職者個人資料", default=False)
    status = models.CharField(
        "狀態", max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField("已處理筆數", default=0)
    progress_total = models.PositiveIntegerField("總筆數", default=0)
    content = models.BinaryField("檔案（加密）", blank=True, default=b"")
    filename = models.CharField("檔名", max_length=120, blank=True)
    started_at = models.DateTimeField("開始時間", null=True, blank=True)
    finished_at = models.DateTimeField("完成時間", null=True, blank=True)
    expires_at = models.DateTimeField("到期時間", null=True, blank=True, db_index=True)
    error = models.TextField("錯誤訊息", blank=True)

    class Meta:
        verbose_name = "匯出工作"
        verbose_name_plural = "匯出工作"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{local_text(self.created_at)} {self.title} {self.fmt}"

    @property
    def percent(self) -> int:
        return progress_percent(
            self.progress_done, self.progress_total, finished=self.status == ExportStatus.DONE
        )

    @property
    def params(self) -> dict[str, str]:
        return dict(json.loads(self.params_json)) if self.params_json else {}

    @property
    def running(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
