"""The employer (雇主) and its labour-dispute flag (就業服務法 §10)."""

from __future__ import annotations

import datetime
import unicodedata
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES, EMPLOYER_VIEW_ROLES
from jobdesk.common.models import ScopedModel


def name_key(name: str) -> str:
    """A comparable form of a company name: NFKC, 台→臺, no spaces, lower-case."""
    text = unicodedata.normalize("NFKC", name or "").replace("台", "臺")
    return "".join(text.split()).lower()[:200]


class DisputeKind(models.TextChoices):
    STRIKE = "strike", "罷工"
    LOCKOUT = "lockout", "鎖場（雇主對抗行為）"
    MEDIATION = "mediation", "終止勞動契約涉及多數勞工之勞資爭議調解中"


class Employer(ScopedModel):
    """A business that offers vacancies; ``office`` is the office that registered it."""

    name = models.CharField("雇主名稱", max_length=200)
    name_key = models.CharField("名稱索引", max_length=200, db_index=True, editable=False)
    ubn = models.CharField("統一編號", max_length=8, blank=True)
    industry = models.ForeignKey(
        "taxonomy.Industry",
        verbose_name="行業",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    township = models.ForeignKey(
        "taxonomy.Township",
        verbose_name="所在鄉鎮市區",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("聯絡人", max_length=60, blank=True)
    contact_phone = models.CharField("聯絡電話", max_length=30, blank=True)
    contact_email = models.EmailField("電子郵件", blank=True)
    notes = models.TextField("備註", blank=True)
    dispute_kind = models.CharField(
        "勞資爭議", max_length=10, choices=DisputeKind.choices, blank=True
    )
    dispute_started_on = models.DateField("爭議開始日", null=True, blank=True)
    dispute_ended_on = models.DateField("爭議結束日", null=True, blank=True)
    dispute_note = models.CharField("爭議說明", max_length=300, blank=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": EMPLOYER_VIEW_ROLES,
        "change": EMPLOYER_CHANGE_ROLES,
    }

    class Meta:
        verbose_name = "雇主"
        verbose_name_plural = "雇主"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ubn"], condition=~Q(ubn=""), name="employer_ubn_unique"
            )
        ]
        indexes = [models.Index(fields=["updated_at"], name="employer_updated")]  # match marks

    def __str__(self) -> str:
        return self.name

    def dispute_active(self, on: datetime.date | None = None) -> bool:
        """True while a strike or lockout stands on ``on`` (default today): no recommending."""
        if not self.dispute_kind or self.dispute_started_on is None:
            return False
        day = on or timezone.localdate()
        if self.dispute_started_on > day:
            return False
        return self.dispute_ended_on is None or self.dispute_ended_on >= day

    @staticmethod
    def active_dispute_q(on: datetime.date, prefix: str = "") -> Q:
        """The rows (through ``prefix``, e.g. "employer__") whose dispute stands on ``on``."""
        return (
            ~Q(**{f"{prefix}dispute_kind": ""})
            & Q(**{f"{prefix}dispute_started_on__lte": on})
            & (
                Q(**{f"{prefix}dispute_ended_on__isnull": True})
                | Q(**{f"{prefix}dispute_ended_on__gte": on})
            )
        )
