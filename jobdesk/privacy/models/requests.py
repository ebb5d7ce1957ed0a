"""Data-subject requests (PDPA Art. 3, 10, 11, 13) with their legal deadlines, legal holds and
processing restrictions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.common.models import ScopedModel

_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}


class RequestKind(models.TextChoices):
    INSPECT = "inspect", "查詢或請求閱覽"
    COPY = "copy", "請求製給複製本"
    CORRECT = "correct", "請求補充或更正"
    STOP = "stop", "請求停止蒐集、處理或利用"
    DELETE = "delete", "請求刪除"


class RequestStatus(models.TextChoices):
    OPEN = "open", "處理中"
    DONE = "done", "已完成"
    REFUSED = "refused", "不予受理／駁回"


# PDPA Art. 13: 15 days for inspection and copies, 30 days for the others; each may be extended
# once, by the same period, with the reason notified in writing.
DEADLINE_DAYS = {
    RequestKind.INSPECT: 15,
    RequestKind.COPY: 15,
    RequestKind.CORRECT: 30,
    RequestKind.STOP: 30,
    RequestKind.DELETE: 30,
}


class DataSubjectRequest(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE | {
        "oversee": CASE_VIEW_ROLES | {Role.AUDITOR},  # the list of requests (privacy:request_list)
    }

    seeker = models.ForeignKey(
        "cases.JobSeeker",
        verbose_name="求職者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
    )
    subject_reference = models.CharField(
        "當事人參考", max_length=40, help_text="遮蔽後之證號；資料刪除後仍可對應此請求。"
    )
    kind = models.CharField("請求類別", max_length=10, choices=RequestKind.choices)
    details = models.TextField("請求內容", max_length=2000, blank=True)
    received_on = models.DateField("收件日")
    due_on = models.DateField("法定期限")
    extended = models.BooleanField("已延長", default=False)
    extension_reason = models.CharField("延長理由", max_length=500, blank=True)
    status = models.CharField(
        "狀態", max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    outcome = models.TextField("處理結果", max_length=2000, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="受理人員",
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="結案人員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("結案時間", null=True, blank=True)

    class Meta:
        verbose_name = "當事人權利請求"
        verbose_name_plural = "當事人權利請求"
        ordering = ["status", "due_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.subject_reference}）"


class LegalHold(ScopedModel):
    """A legal hold (訴訟、調查): while active, retention never deletes the person's data."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    seeker = models.ForeignKey(
        "cases.JobSeeker",
        verbose_name="求職者",
        on_delete=models.CASCADE,
        related_name="legal_holds",
    )
    reason = models.CharField("保全理由", max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="設定人員",
        on_delete=models.PROTECT,
        related_name="+",
    )
    released_at = models.DateTimeField("解除時間", null=True, blank=True)

    class Meta:
        verbose_name = "法律保全"
        verbose_name_plural = "法律保全"

    def __str__(self) -> str:
        return f"法律保全：{self.reason[:20]}"


class ProcessingRestriction(ScopedModel):
    """A stop of processing (Art. 11 ¶3/¶4, Art. 3 (4)): matching and contact must skip them."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    seeker = models.ForeignKey(
        "cases.JobSeeker",
        verbose_name="求職者",
        on_delete=models.CASCADE,
        related_name="processing_restrictions",
    )
    request = models.ForeignKey(
        DataSubjectRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("理由", max_length=500)
    started_at = models.DateTimeField("開始時間")
    ended_at = models.DateTimeField("解除時間", null=True, blank=True)

    class Meta:
        verbose_name = "停止處理利用"
        verbose_name_plural = "停止處理利用"

    def __str__(self) -> str:
        return "停止處理利用"
