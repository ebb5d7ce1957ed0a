"""Moving a case to another office (移轉個案): the job seeker moved, or is better served elsewhere.

Two steps, as between two centres: the sending supervisor asks (the case stays where it is), the
receiving office's supervisor accepts and names the counsellor (the case and its job seeker then
belong to the receiving office) or declines with a reason. The request is the receiving office's
row (``office`` = where it is to go), so its supervisors find it through ``for_user``; the sender
reaches it through the case.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import Role
from jobdesk.common.models import ScopedModel

_SUPERVISORS = frozenset({Role.SUPERVISOR})
_USER = settings.AUTH_USER_MODEL


class TransferStatus(models.TextChoices):
    PENDING = "pending", "待接收"
    ACCEPTED = "accepted", "已接收"
    DECLINED = "declined", "不予接收"
    CANCELLED = "cancelled", "已撤回"


class CaseTransfer(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": _SUPERVISORS,
        "change": _SUPERVISORS,
    }

    case = models.ForeignKey(
        "cases.Case", verbose_name="個案", on_delete=models.CASCADE, related_name="transfers"
    )
    from_office = models.ForeignKey(
        "accounts.Office", verbose_name="移出據點", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "狀態", max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    reason = models.TextField("移轉原因", max_length=1000)
    requested_by = models.ForeignKey(
        _USER, verbose_name="申請人", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        _USER,
        verbose_name="處理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("處理時間", null=True, blank=True)
    decision_note = models.TextField("處理說明", max_length=1000, blank=True)
    counsellor = models.ForeignKey(
        _USER,
        verbose_name="接收後個案管理員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "個案移轉"
        verbose_name_plural = "個案移轉"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="case_transfer_one_pending",
            )
        ]
        indexes = [models.Index(fields=["office", "status"], name="case_transfer_inbox")]

    def __str__(self) -> str:
        return f"個案移轉 {self.from_office} → {self.office}（{self.get_status_display()}）"
