"""特定對象 (就業服務法 §24) recorded with proof and consent, for subsidy eligibility only.

The group itself (a 家庭暴力被害人, a 更生受保護人, a 身心障礙者 …) is sensitive: it is stored
encrypted like the other PDPA Art. 6 data and is read only by ``statutory.eligibility``. Matching
never reads it (``tests/statutory/test_target_groups.py`` checks the adapters' queries).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.crypto import EncryptedTextField
from jobdesk.common.models import ScopedModel

_USER = settings.AUTH_USER_MODEL

CONSENT_PURPOSE = (
    "本人同意就業服務機構蒐集、處理本人之特定對象身分及其證明資料，"
    "僅用於審核就業促進津貼及相關就業促進措施之資格，不用於職缺媒合或推介之排序。"
)


class TargetGroupRecord(ScopedModel):
    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": CASE_VIEW_ROLES,
        "change": CASE_CHANGE_ROLES,
    }

    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.CASCADE, related_name="+"
    )
    group_encrypted = EncryptedTextField("特定對象身分（加密）")
    proof_encrypted = EncryptedTextField("證明文件（名稱、字號，加密）")
    verified_on = models.DateField("查驗日")
    valid_until = models.DateField("證明有效期限", null=True, blank=True)
    verified_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    consent_text = models.TextField("同意內容", max_length=1000)
    consent_at = models.DateTimeField("同意時間")
    withdrawn_at = models.DateTimeField("撤回時間", null=True, blank=True)

    class Meta:
        verbose_name = "特定對象身分"
        verbose_name_plural = "特定對象身分"
        ordering = ["-verified_on", "-created_at"]

    def __str__(self) -> str:
        return f"特定對象身分紀錄 {self.verified_on}"
