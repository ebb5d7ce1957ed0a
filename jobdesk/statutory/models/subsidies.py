"""就業促進津貼 applications: 求職交通補助金, 臨時工作津貼, 職業訓練生活津貼 — each with its
documents, eligibility checks (from the dated rules), decision and amount."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel

_USER = settings.AUTH_USER_MODEL


class SubsidyKind(models.TextChoices):
    TRANSPORT = "transport", "求職交通補助金"
    TEMP_WORK = "temp_work", "臨時工作津貼"
    TRAINING = "training", "職業訓練生活津貼"


class SubsidyStatus(models.TextChoices):
    SUBMITTED = "submitted", "已受理，審核中"
    APPROVED = "approved", "核准"
    REJECTED = "rejected", "不予核准"
    WITHDRAWN = "withdrawn", "申請人撤回"


class SubsidyApplication(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": CASE_VIEW_ROLES,
        "change": CASE_CHANGE_ROLES,
    }

    kind = models.CharField("津貼類別", max_length=10, choices=SubsidyKind.choices)
    case = models.ForeignKey(
        "cases.Case", verbose_name="個案", on_delete=models.PROTECT, related_name="subsidies"
    )
    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.ForeignKey(
        "matching.Recommendation",
        verbose_name="介紹卡（推介）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "狀態", max_length=10, choices=SubsidyStatus.choices, default=SubsidyStatus.SUBMITTED
    )
    applied_on = models.DateField("申請日")
    special_reason = models.TextField("情形特殊之說明（核實發給）", max_length=2000, blank=True)
    amount_requested = models.PositiveIntegerField("申請金額（元）")
    # 臨時工作津貼
    work_unit = models.CharField("用人單位", max_length=120, blank=True)
    hours_per_month = models.PositiveSmallIntegerField("每月工作時數", null=True, blank=True)
    # 臨時工作津貼 / 職業訓練生活津貼
    months = models.PositiveSmallIntegerField("申請月數", null=True, blank=True)
    start_on = models.DateField("起始日", null=True, blank=True)
    course_name = models.CharField("訓練課程", max_length=120, blank=True)
    course_hours_per_month = models.PositiveSmallIntegerField("每月訓練時數", null=True, blank=True)
    documents = models.JSONField("已檢附文件", default=list, blank=True)
    checks = models.JSONField("資格查核", default=list, blank=True)
    amount_approved = models.PositiveIntegerField("核定金額（元）", null=True, blank=True)
    decided_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("審核時間", null=True, blank=True)
    decision_note = models.TextField("審核說明", max_length=2000, blank=True)
    created_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "津貼申請"
        verbose_name_plural = "津貼申請"
        ordering = ["-applied_on", "-created_at"]
        indexes = [models.Index(fields=["seeker", "kind", "status"], name="subsidy_seeker_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.applied_on}（{self.get_status_display()}）"
