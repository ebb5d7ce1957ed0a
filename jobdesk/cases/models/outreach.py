"""Outreach (T1.1 開發就業服務需求): events and campaigns, and the leads captured at them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel

_CASE_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}


class OutreachKind(models.TextChoices):
    CAMPAIGN = "campaign", "宣導活動"
    JOB_FAIR = "job_fair", "就業博覽會"
    TALK = "talk", "說明會"
    VISIT = "visit", "社區或機構拜訪"
    OTHER = "other", "其他"


class OutreachEvent(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _CASE_SCOPE

    title = models.CharField("活動名稱", max_length=120)
    kind = models.CharField("類型", max_length=20, choices=OutreachKind.choices)
    place = models.CharField("地點", max_length=200)
    township = models.ForeignKey(
        "taxonomy.Township",
        verbose_name="鄉鎮市區",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField("日期")
    notes = models.TextField("說明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "宣導活動"
        verbose_name_plural = "宣導活動"
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class LeadSource(models.TextChoices):
    EVENT = "event", "宣導活動／博覽會"
    WALK_IN = "walk_in", "臨櫃"
    PHONE = "phone", "電話"
    ONLINE = "online", "網路"
    REFERRAL_IN = "referral_in", "他單位轉介"
    OTHER = "other", "其他"


class LeadStatus(models.TextChoices):
    NEW = "new", "待聯繫"
    CONVERTED = "converted", "已求職登記"
    DECLINED = "declined", "無意願"


class Lead(ScopedModel):
    """A 潛在求職者: few fields, captured quickly (tablet at a job fair)."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _CASE_SCOPE

    event = models.ForeignKey(
        OutreachEvent,
        verbose_name="活動",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    source = models.CharField("來源", max_length=20, choices=LeadSource.choices)
    name = models.CharField("姓名", max_length=60)
    phone = models.CharField("電話", max_length=30)
    interest = models.CharField("想找的工作", max_length=200, blank=True)
    status = models.CharField(
        "狀態", max_length=20, choices=LeadStatus.choices, default=LeadStatus.NEW
    )
    seeker = models.ForeignKey(
        "cases.JobSeeker",
        verbose_name="求職者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "潛在求職者"
        verbose_name_plural = "潛在求職者"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
