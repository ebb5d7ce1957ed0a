"""The consent ledger (PDPA Art. 7): purpose-bound consents with their proof.

Each consent keeps the exact wording the person signed (``wording_text``, ``wording_version``),
the data items it covers, who witnessed it, how it was signed (drawn on a tablet or a scan of the
signed paper form, stored as a file with its SHA-256), its expiry and its withdrawal.

The signature file is encrypted at rest with the field keys (``EncryptedFileField``): stored as
``consents/<year>/<month>/<public_id>.sig``, its original type in ``signature_content_type``.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.encrypted_files import EncryptedFileField
from jobdesk.common.models import ScopedModel

_SCOPE: dict[str, frozenset[str]] = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}


class ConsentPurpose(models.TextChoices):
    EMPLOYMENT_SERVICE = "employment_service", "就業服務"
    REFERRAL = "referral", "轉介至指定單位"
    VACANCY_CONTACT = "vacancy_contact", "職缺通知聯繫"


class SignatureMethod(models.TextChoices):
    DRAWN = "drawn", "平板簽名"
    SCANNED = "scanned", "紙本簽署掃描上傳"


class Consent(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = _SCOPE

    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField("同意目的", max_length=30, choices=ConsentPurpose.choices)
    recipient = models.CharField("資料接收單位", max_length=200, blank=True)
    purpose_text = models.TextField("特定目的說明", max_length=2000)
    data_items = models.JSONField("同意提供之資料項目", default=list)
    wording_version = models.CharField("同意書版本", max_length=20)
    wording_text = models.TextField("簽署之同意書全文")
    valid_until = models.DateField("有效期限")
    method = models.CharField("簽署方式", max_length=10, choices=SignatureMethod.choices)
    signature = EncryptedFileField(
        "簽名檔",
        upload_to="consents/%Y/%m/",
        max_length=200,
        suffix=".sig",
        content_type_field="signature_content_type",
    )
    signature_sha256 = models.CharField("簽名檔 SHA-256", max_length=64)
    signature_content_type = models.CharField("簽名檔格式", max_length=40)
    signed_at = models.DateTimeField("簽署時間")
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="見證人員",
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("撤回時間", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登錄撤回人員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.CharField("撤回說明", max_length=500, blank=True)

    class Meta:
        verbose_name = "同意書"
        verbose_name_plural = "同意書"
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        target = f"：{self.recipient}" if self.recipient else ""
        return f"{self.get_purpose_display()}{target}（{self.signed_at:%Y-%m-%d}）"

    def is_valid(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.withdrawn_at is None and self.valid_until >= day and bool(self.signature)

    @property
    def state_label(self) -> str:
        if self.withdrawn_at is not None:
            return "已撤回"
        if self.valid_until < timezone.localdate():
            return "已逾期"
        return "有效"
