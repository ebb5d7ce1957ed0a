"""Job seekers (求職者); sensitive circumstances kept apart and encrypted (PDPA Art. 6)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import (
    CASE_CHANGE_ROLES,
    CASE_VIEW_ROLES,
    LOG_VIEW_ROLES,
    STAFF_ROLES,
)
from jobdesk.common.crypto import EncryptedTextField
from jobdesk.common.models import ScopedModel


class PayBasis(models.TextChoices):
    MONTHLY = "monthly", "月薪"
    HOURLY = "hourly", "時薪"


class Shift(models.TextChoices):
    DAY = "day", "日班"
    EVENING = "evening", "晚班"
    NIGHT = "night", "大夜班"
    ROTATING = "rotating", "輪班"
    PART_TIME = "part_time", "部分工時"


class JobSeeker(ScopedModel):  # type: ignore[django-manager-missing]
    """A registered job seeker (求職登記). Holds the matching inputs as plain fields.

    The protected grounds of 就業服務法 §5 are not collected; ``birth_date`` is kept only for
    §24 status (中高齡者) and is never a matching input.
    """

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": CASE_VIEW_ROLES,
        "change": CASE_CHANGE_ROLES,
        "log": LOG_VIEW_ROLES,  # the seeker's access log (privacy:seeker_access)
        "match": STAFF_ROLES,  # proposed for a vacancy of the office (matching:vacancy_matches)
    }

    name = models.CharField("姓名", max_length=60)
    national_id_encrypted = EncryptedTextField("身分證字號／統一證號（加密）")
    national_id_hash = models.CharField("身分證號查詢雜湊", max_length=64, unique=True)
    national_id_masked = models.CharField("身分證號（遮蔽）", max_length=12)
    id_kind = models.CharField("證號類別", max_length=20)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    phone = models.CharField("電話", max_length=30, blank=True)
    email = models.EmailField("電子郵件", blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    township = models.ForeignKey(
        "taxonomy.Township",
        verbose_name="居住鄉鎮市區",
        on_delete=models.PROTECT,
        related_name="+",
    )
    education = models.ForeignKey(
        "taxonomy.EducationLevel",
        verbose_name="教育程度",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    experience_years = models.DecimalField(
        "工作年資（年）", max_digits=4, decimal_places=1, null=True, blank=True
    )
    work_history = models.TextField("工作經歷", blank=True)
    skills = models.TextField("專長技能", blank=True, help_text="以頓號或換行分隔。")
    licences = models.TextField("證照", blank=True, help_text="以頓號或換行分隔。")
    desired_occupations = models.ManyToManyField(
        "taxonomy.Occupation", verbose_name="希望職業", blank=True, related_name="+"
    )
    desired_townships = models.ManyToManyField(
        "taxonomy.Township", verbose_name="希望工作地點", blank=True, related_name="+"
    )
    max_commute_km = models.PositiveSmallIntegerField(
        "可接受通勤距離（公里）", null=True, blank=True
    )
    pay_basis = models.CharField(
        "希望待遇計薪方式", max_length=10, choices=PayBasis.choices, default=PayBasis.MONTHLY
    )
    expected_pay_min = models.PositiveIntegerField("希望待遇下限（元）", null=True, blank=True)
    shifts = models.JSONField("可配合班別", default=list, blank=True)
    hours_note = models.CharField("工作時段說明", max_length=200, blank=True)
    available_from = models.DateField("可開始工作日", null=True, blank=True)
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup", verbose_name="特定對象身分（§24）", blank=True, related_name="+"
    )
    is_active = models.BooleanField("求職中", default=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登記人員",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The bigrams of the name and the phone's tail (jobdesk.cases.search), written by the services
    # that write the name or phone; indexed by the database (jobdesk.common.textsearch). Never the
    # national ID: that is found through its keyed hash.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = "求職者"
        verbose_name_plural = "求職者"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["updated_at"], name="seeker_updated"),  # match marks
            models.Index(fields=["name", "id"], name="seeker_name"),  # the caseload's name sort
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.national_id_masked}）"

    @property
    def skills_list(self) -> list[str]:
        return _split(self.skills)

    @property
    def licences_list(self) -> list[str]:
        return _split(self.licences)

    def shift_labels(self) -> list[str]:
        labels = dict(Shift.choices)
        return [str(labels.get(s, s)) for s in self.shifts]


def _split(text: str) -> list[str]:
    import re

    return [part.strip() for part in re.split(r"[、,，;；\n]+", text) if part.strip()]


class SensitiveCircumstances(ScopedModel):
    """特種個資 and other sensitive circumstances: their own row, every value encrypted."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": CASE_VIEW_ROLES,
        "change": CASE_CHANGE_ROLES,
    }

    seeker = models.OneToOneField(
        JobSeeker, verbose_name="求職者", on_delete=models.CASCADE, related_name="sensitive"
    )
    economic_situation_encrypted = EncryptedTextField("經濟狀況", blank=True)
    disability_encrypted = EncryptedTextField("身心障礙情形", blank=True)
    health_encrypted = EncryptedTextField("健康狀況", blank=True)

    class Meta:
        verbose_name = "敏感狀況"
        verbose_name_plural = "敏感狀況"

    def __str__(self) -> str:
        return f"敏感狀況：{self.seeker.name}"
