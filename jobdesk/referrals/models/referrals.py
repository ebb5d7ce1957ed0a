"""A referral to another agency (T3.3 就業轉介): O3.3.1 轉介評估表, O3.3.2 轉介同意書, tracking.

The referral names the data items the job seeker agreed to share (就業服務法 §9); nothing is
sent without a valid signed consent (``consent``), and withdrawing the consent stops it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel

_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}


class ReferralStatus(models.TextChoices):
    ASSESSING = "assessing", "評估中（待簽同意書）"
    CONSENTED = "consented", "已簽同意書，待轉介"
    SENT = "sent", "已轉介，待回覆"
    ANSWERED = "answered", "已回覆，追蹤中"
    CLOSED = "closed", "已結束"
    STOPPED = "stopped", "已停止（同意撤回）"


class ReplyKind(models.TextChoices):
    ACCEPTED = "accepted", "受案"
    DECLINED = "declined", "不受案"
    RETURNED = "returned", "退回"
    RE_REFERRED = "re_referred", "再轉"
    OTHER = "other", "其他"


class Outcome(models.TextChoices):
    COMPLETED = "completed", "完成"
    FAILED = "failed", "未成功"


class Referral(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    case = models.ForeignKey(
        "cases.Case", verbose_name="個案", on_delete=models.CASCADE, related_name="referrals"
    )
    resource = models.ForeignKey(
        "referrals.ReferralResource",
        verbose_name="轉介資源",
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="轉介人員",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "狀態", max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.ASSESSING
    )
    # O3.3.1 轉介評估表 (P3.3.1)
    situation = models.TextField("求職者狀況評估", max_length=4000)
    need = models.TextField("轉介需求", max_length=4000)
    reason_for_resource = models.TextField("選擇此資源之理由", max_length=2000)
    receiving_contact = models.CharField("受轉介單位聯絡人", max_length=200, blank=True)
    need_confirmed_on = models.DateField("與受轉介單位確認需求日期", null=True, blank=True)
    need_confirmation_note = models.TextField("確認需求紀錄", max_length=2000, blank=True)
    # O3.3.2 轉介同意書 (P3.3.2): what is shared, for what and how long
    data_items = models.JSONField("提供之資料項目", default=list)
    purpose_text = models.TextField("轉介目的", max_length=2000)
    consent_valid_months = models.PositiveSmallIntegerField("同意有效月數", default=6)
    process_explained_at = models.DateTimeField("已說明轉介流程", null=True, blank=True)
    consent = models.ForeignKey(
        "privacy.Consent",
        verbose_name="轉介同意書",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    # P3.3.3 sending and tracking
    sent_on = models.DateField("轉介日期", null=True, blank=True)
    sent_method = models.CharField("轉介方式", max_length=100, blank=True)
    reply = models.CharField("受轉介單位回覆", max_length=12, choices=ReplyKind.choices, blank=True)
    replied_on = models.DateField("回覆日期", null=True, blank=True)
    reply_note = models.TextField("回覆說明", max_length=2000, blank=True)
    next_follow_up_on = models.DateField("下次追蹤日", null=True, blank=True)
    outcome = models.CharField("轉介結果", max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("結果說明／未成功原因", max_length=2000, blank=True)
    closed_on = models.DateField("結束日期", null=True, blank=True)

    class Meta:
        verbose_name = "轉介"
        verbose_name_plural = "轉介"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_follow_up_on"]),
            models.Index(fields=["office", "sent_on"], name="referral_office_sent"),  # reports
        ]

    def __str__(self) -> str:
        return f"轉介至{self.resource.name}"

    @property
    def has_valid_consent(self) -> bool:
        return self.consent is not None and self.consent.is_valid()


class ReferralUpdateKind(models.TextChoices):
    ASSESSED = "assessed", "轉介評估"
    NEED_CONFIRMED = "need_confirmed", "確認需求"
    CONSENT_SIGNED = "consent_signed", "簽署同意書"
    SENT = "sent", "送出轉介"
    REPLY = "reply", "受轉介單位回覆"
    FOLLOW_UP = "follow_up", "追蹤"
    OUTCOME = "outcome", "轉介結果"
    STOPPED = "stopped", "撤回同意，停止轉介"


class ReferralUpdate(ScopedModel):
    """One step in the referral's history, for the tracking timeline."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField("事項", max_length=20, choices=ReferralUpdateKind.choices)
    occurred_on = models.DateField("日期")
    note = models.TextField("說明", max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "轉介歷程"
        verbose_name_plural = "轉介歷程"
        ordering = ["occurred_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"
