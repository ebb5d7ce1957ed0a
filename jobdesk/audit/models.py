"""The change log (AuditEvent) and the personal-data access log (AccessEvent).

Both are append-only: rows are written by ``jobdesk.audit.services`` inside the transaction of the
change they record, and nothing in the product updates or deletes them.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.common.dates import local_text
from jobdesk.common.models import ScopedQuerySet
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
