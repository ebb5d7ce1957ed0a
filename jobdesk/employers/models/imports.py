"""An uploaded import file, kept between its preview and its all-or-nothing commit."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES
from jobdesk.common.models import ScopedModel


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "待確認"
    COMMITTED = "committed", "已匯入"
    DISCARDED = "discarded", "已放棄"
    REJECTED = "rejected", "無法匯入"
    EXPIRED = "expired", "已逾期清除"


class ImportBatch(ScopedModel):
    filename = models.CharField("檔名", max_length=200)
    content = models.BinaryField("內容")
    status = models.CharField(
        "狀態", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    result = models.JSONField("結果", default=dict, blank=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": EMPLOYER_CHANGE_ROLES,
        "change": EMPLOYER_CHANGE_ROLES,
    }

    class Meta:
        verbose_name = "職缺匯入"
        verbose_name_plural = "職缺匯入"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
