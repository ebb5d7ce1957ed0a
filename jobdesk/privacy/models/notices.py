"""Notice at collection (PDPA Art. 8): that the six items were given, when, how and by whom."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel

_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}


class NoticeMethod(models.TextChoices):
    PAPER = "paper", "交付書面告知聲明"
    ORAL_AND_PAPER = "oral_and_paper", "口頭說明並交付書面"
    ELECTRONIC = "electronic", "電子郵件或網頁"


class NoticeRecord(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.CASCADE, related_name="notices"
    )
    notice_version = models.CharField("告知聲明版本", max_length=20)
    method = models.CharField("告知方式", max_length=20, choices=NoticeMethod.choices)
    given_at = models.DateTimeField("告知時間")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="告知人員",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "個資告知紀錄"
        verbose_name_plural = "個資告知紀錄"
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"個資告知（{self.notice_version}）"
