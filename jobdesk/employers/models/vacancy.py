"""The vacancy (職缺／求才) and the §5 findings on its text."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES, EMPLOYER_VIEW_ROLES
from jobdesk.common.models import ScopedModel
from jobdesk.employers.models.employer import Employer


class PayBasis(models.TextChoices):
    MONTHLY = "monthly", "月薪"
    HOURLY = "hourly", "時薪"
    DAILY = "daily", "日薪"
    PIECE = "piece", "論件"
    NEGOTIABLE = "negotiable", "面議"


class Shift(models.TextChoices):
    DAY = "day", "日班"
    EVENING = "evening", "中班"
    NIGHT = "night", "夜班"
    ROTATING = "rotating", "輪班"
    PART_TIME = "part_time", "兼職"


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "開放中"
    FILLED = "filled", "已補足"
    CLOSED = "closed", "已關閉"


class VacancySource(models.TextChoices):
    MANUAL = "manual", "人工登錄"
    TAIWANJOBS = "taiwanjobs", "台灣就業通"
    FILE = "file", "匯入檔案"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待處理"
    RESOLVED = "resolved", "已修正"
    OVERRIDDEN = "overridden", "已認定無違法"


class Vacancy(ScopedModel):
    """A vacancy; ``office`` is the office that registered it (copied from its employer)."""

    employer = models.ForeignKey(
        Employer, verbose_name="雇主", on_delete=models.PROTECT, related_name="vacancies"
    )
    title = models.CharField("職缺名稱", max_length=200)
    description = models.TextField("工作內容", blank=True)
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        verbose_name="職業（細類）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occupation_confirmed = models.BooleanField("職業代碼已確認", default=False)
    occupation_suggestions = models.JSONField("職業代碼建議", default=list, blank=True)
    headcount = models.PositiveSmallIntegerField("需求人數", default=1)
    county = models.CharField("工作縣市", max_length=10, blank=True)
    township = models.ForeignKey(
        "taxonomy.Township",
        verbose_name="工作鄉鎮市區",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pay_basis = models.CharField(
        "薪資方式", max_length=12, choices=PayBasis.choices, default=PayBasis.MONTHLY
    )
    pay_min = models.PositiveIntegerField("薪資下限", null=True, blank=True)
    pay_max = models.PositiveIntegerField("薪資上限", null=True, blank=True)
    hours = models.CharField("工作時間", max_length=200, blank=True)
    shifts = models.JSONField("班別", default=list, blank=True)
    # ",day,night," — the shifts again, so that lists filter the same way on SQLite and PostgreSQL.
    shift_keys = models.CharField(max_length=60, blank=True, editable=False)
    education = models.ForeignKey(
        "taxonomy.EducationLevel",
        verbose_name="最低學歷",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    experience_years = models.PositiveSmallIntegerField("工作經驗（年）", default=0)
    licences = models.CharField("證照", max_length=300, blank=True)
    languages = models.CharField(
        "語言", max_length=200, blank=True, help_text="只填工作確實需要的語言。"
    )
    skills = models.TextField("技能", blank=True)
    opens_on = models.DateField("開始日期", null=True, blank=True)
    closes_on = models.DateField("截止日期", null=True, blank=True)
    status = models.CharField(
        "狀態", max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    source = models.CharField(
        "來源", max_length=12, choices=VacancySource.choices, default=VacancySource.MANUAL
    )
    source_id = models.CharField("來源編號", max_length=40, blank=True)
    source_url = models.URLField("來源網址", max_length=400, blank=True)
    # The bigrams of the title, description and employer name (jobdesk.employers.search), written
    # by the services that write those; indexed by the database (jobdesk.common.textsearch).
    search_text = models.TextField(blank=True, default="", editable=False)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": EMPLOYER_VIEW_ROLES,
        "change": EMPLOYER_CHANGE_ROLES,
    }

    class Meta:
        verbose_name = "職缺"
        verbose_name_plural = "職缺"
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="vacancy_source_id_unique",
            )
        ]
        indexes = [
            models.Index(fields=["status", "opens_on"], name="vacancy_status_opens"),
            models.Index(fields=["county", "status"], name="vacancy_county_status"),
            models.Index(fields=["occupation", "status"], name="vacancy_occ_status"),
            models.Index(fields=["township", "status"], name="vacancy_town_status"),
            models.Index(fields=["pay_basis", "pay_min"], name="vacancy_pay"),
            models.Index(fields=["office", "status"], name="vacancy_office_status"),
            models.Index(fields=["office", "created_at"], name="vacancy_office_created"),  # reports
            # One index per list sort (selectors.SORTS), so a page of 50 is read in order and the
            # per-row annotations are computed for those rows only, not for the whole table.
            models.Index(fields=["-opens_on", "-id"], name="vacancy_sort_newest"),
            models.Index(fields=["closes_on", "id"], name="vacancy_sort_closing"),
            models.Index(fields=["-pay_min", "id"], name="vacancy_sort_pay"),
            models.Index(fields=["title", "id"], name="vacancy_sort_title"),
            # the match index's staleness check reads MAX(updated_at) on every query
            models.Index(fields=["updated_at"], name="vacancy_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def place_label(self) -> str:
        if self.township_id is not None:
            return self.township.full_name if self.township else ""
        return f"{self.county}（不限區）" if self.county else "—"

    @property
    def pay_label(self) -> str:
        basis = PayBasis(self.pay_basis)
        if basis == PayBasis.NEGOTIABLE or not (self.pay_min or self.pay_max):
            return "面議" if basis == PayBasis.NEGOTIABLE else f"{basis.label}（未載明）"
        low = f"{self.pay_min:,}" if self.pay_min else ""
        high = f"{self.pay_max:,}" if self.pay_max else ""
        if low and high:
            return f"{basis.label} {low} 元" if low == high else f"{basis.label} {low} ~ {high} 元"
        if low:
            return f"{basis.label} {low} 元起"
        return f"{basis.label}最高 {high} 元"

    @property
    def shift_labels(self) -> list[str]:
        return [Shift(s).label for s in self.shifts if s in Shift.values]

    def has_open_violation(self) -> bool:
        return self.findings.filter(
            status=FindingStatus.OPEN, severity=VacancyFinding.VIOLATION
        ).exists()

    def is_recommendable(self, on: datetime.date | None = None) -> tuple[bool, str]:
        """Whether job seekers may be recommended to this vacancy, and why not (zh-Hant)."""
        day = on or timezone.localdate()
        if self.status != VacancyStatus.OPEN:
            return False, f"職缺狀態為「{self.get_status_display()}」，不是開放中。"
        if self.closes_on is not None and self.closes_on < day:
            return False, f"職缺已於 {self.closes_on:%Y-%m-%d} 截止。"
        if self.employer.dispute_active(day):
            return False, (
                f"雇主「{self.employer.name}」有勞資爭議（{self.employer.get_dispute_kind_display()}），"
                "依就業服務法第10條不得推介。"
            )
        if self.has_open_violation():
            return False, "職缺內容有待處理的就業歧視（就業服務法第5條）違規事項。"
        return True, ""


class VacancyFinding(ScopedModel):
    """One §5 finding of the checker on a vacancy's text, and what the officer did about it."""

    VIOLATION = "violation"
    WARNING = "warning"
    SEVERITY_CHOICES = ((VIOLATION, "違規"), (WARNING, "提醒"))

    vacancy = models.ForeignKey(
        Vacancy, verbose_name="職缺", on_delete=models.CASCADE, related_name="findings"
    )
    ground = models.CharField("事由", max_length=30)
    words = models.CharField("字句", max_length=200, blank=True)
    basis = models.CharField("法律依據", max_length=200)
    severity = models.CharField("程度", max_length=10, choices=SEVERITY_CHOICES)
    field = models.CharField("欄位", max_length=12)
    message = models.CharField("說明", max_length=400)
    status = models.CharField(
        "處理狀態", max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    override_reason = models.TextField("認定理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="處理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("處理時間", null=True, blank=True)

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": EMPLOYER_VIEW_ROLES,
        "change": EMPLOYER_CHANGE_ROLES,
    }

    class Meta:
        verbose_name = "職缺就業歧視檢核結果"
        verbose_name_plural = "職缺就業歧視檢核結果"
        ordering = ["vacancy", "-severity", "id"]
        indexes = [
            models.Index(fields=["vacancy", "status", "severity"], name="finding_open"),
            models.Index(fields=["updated_at"], name="finding_updated"),  # match index marks
        ]

    def __str__(self) -> str:
        return f"{self.ground}: {self.words}"

    @property
    def ground_label(self) -> str:
        from jobdesk.domain.adcheck.model import GROUND_ZH, Ground

        try:
            return GROUND_ZH[Ground(self.ground)]
        except ValueError:
            return self.ground

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.ground, self.words, self.field, self.severity)
