"""The directory of referral resources (K15): agencies and programmes a counsellor refers to.

Reference data kept by administrators on the admin console; staff read it through a searchable
list. It holds no personal data.
"""

from __future__ import annotations

from django.db import models


class ResourceKind(models.TextChoices):
    TRAINING = "training", "職業訓練"
    ALLOWANCE = "allowance", "就業促進津貼／補助"
    REHABILITATION = "rehabilitation", "職業重建"
    WELFARE = "welfare", "社會福利"
    COUNSELLING = "counselling", "心理諮商"
    LEGAL_AID = "legal_aid", "法律扶助"
    OTHER = "other", "其他"


class ReferralResource(models.Model):
    """One agency or programme that accepts referrals."""

    code = models.SlugField(
        "代碼", max_length=40, unique=True, help_text="英數字與連字號，供匯入與示範資料比對。"
    )
    name = models.CharField("名稱", max_length=120)
    kind = models.CharField("類別", max_length=20, choices=ResourceKind.choices)
    provider = models.CharField("辦理單位", max_length=120, blank=True)
    offers = models.TextField("提供內容", max_length=2000)
    eligibility = models.TextField("申請資格說明", max_length=2000, blank=True)
    counties = models.CharField(
        "服務區域",
        max_length=300,
        blank=True,
        help_text="服務的縣市，以頓號或逗號分隔；空白表示全國。",
    )
    contact = models.TextField("聯絡方式", max_length=1000, blank=True)
    how_to_refer = models.TextField("轉介方式", max_length=1000, blank=True)
    legal_basis = models.CharField("法源依據", max_length=200, blank=True)
    is_active = models.BooleanField("啟用", default=True)
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        verbose_name = "轉介資源"
        verbose_name_plural = "轉介資源"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def county_list(self) -> list[str]:
        text = self.counties.replace("、", ",").replace("，", ",")
        return [c.strip() for c in text.split(",") if c.strip()]

    def serves(self, county: str) -> bool:
        """True when the resource serves ``county`` (台/臺 spelled either way)."""
        counties = self.county_list
        if not counties:
            return True
        wanted = county.replace("台", "臺")
        return any(c.replace("台", "臺") == wanted for c in counties)
