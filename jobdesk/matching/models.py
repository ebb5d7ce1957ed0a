"""Recommendations (推介, T3.2 P3.2.2–P3.2.3) and the nightly batch's stored match suggestions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jobdesk.accounts.roles import Role
from jobdesk.common.dates import local_text
from jobdesk.common.models import ScopedModel, TimeStampedModel
from jobdesk.common.progress import progress_percent

# Recommendations are read and moved on by the casework roles and the employer-service officer
# (who records the employer's reply); who may do which transition is checked in the services.
RECOMMENDATION_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})
CASEWORK_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
_USER = settings.AUTH_USER_MODEL


class RecommendationStatus(models.TextChoices):
    RECOMMENDED = "recommended", "已推介"
    INTERVIEW = "interview", "面試"
    HIRED = "hired", "錄取"
    STARTED = "started", "已報到"
    NOT_HIRED = "not_hired", "未錄取"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATUSES = frozenset(
    {RecommendationStatus.RECOMMENDED, RecommendationStatus.INTERVIEW, RecommendationStatus.HIRED}
)


class NotHiredReason(models.TextChoices):
    SKILLS = "skills", "技術不合"
    PAY = "pay", "待遇不符"
    LOCATION = "location", "工作地點不理想"
    HOURS = "hours", "工作時間不適合"
    NO_SHOW = "no_show", "未報到"
    OTHER = "other", "其他"


class Recommendation(ScopedModel):
    """A job seeker recommended to a vacancy, with the seeker's agreement; office = the seeker's."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": RECOMMENDATION_ROLES,
        "change": RECOMMENDATION_ROLES,
    }

    seeker = models.ForeignKey(
        "cases.JobSeeker",
        verbose_name="求職者",
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="個案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name="職缺",
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    counsellor = models.ForeignKey(
        _USER, verbose_name="推介人員", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "狀態",
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.RECOMMENDED,
    )
    score = models.FloatField("媒合分數", null=True, blank=True)
    explanation = models.JSONField("媒合理由", default=list, blank=True)
    note = models.TextField("推介說明", blank=True)
    # The seeker's agreement (就業服務法 §9, 個資法 §20: disclosed only with consent, as needed).
    consent_given = models.BooleanField("求職者同意推介", default=False)
    consent_recorded_by = models.ForeignKey(
        _USER, verbose_name="同意紀錄人員", on_delete=models.PROTECT, related_name="+"
    )
    consent_recorded_at = models.DateTimeField("同意紀錄時間")
    recommended_at = models.DateTimeField("推介時間")
    # The employer's reply, recorded by the officer (or the counsellor who heard it).
    interview_on = models.DateField("面試日期", null=True, blank=True)
    reply_reason = models.CharField(
        "未錄取原因", max_length=10, choices=NotHiredReason.choices, blank=True
    )
    reply_note = models.TextField("雇主回覆說明", blank=True)
    replied_by = models.ForeignKey(
        _USER,
        verbose_name="回覆紀錄人員",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField("回覆紀錄時間", null=True, blank=True)
    start_date = models.DateField("報到日", null=True, blank=True)
    card_printed_at = models.DateTimeField("介紹卡列印時間", null=True, blank=True)

    class Meta:
        verbose_name = "推介"
        verbose_name_plural = "推介"
        ordering = ["-recommended_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "vacancy"],
                condition=Q(status__in=["recommended", "interview", "hired"]),
                name="recommendation_one_open_per_pair",
            )
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="rec_office_status"),
            models.Index(fields=["vacancy", "status"], name="rec_vacancy_status"),
            # the reports' months
            models.Index(fields=["office", "recommended_at"], name="rec_office_recommended"),
            models.Index(fields=["status", "start_date"], name="rec_status_start"),
            models.Index(fields=["status", "replied_at"], name="rec_status_replied"),
        ]

    def __str__(self) -> str:
        return f"推介 {self.seeker.name} → {self.vacancy.title}（{self.get_status_display()}）"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class MatchRunStatus(models.TextChoices):
    QUEUED = "queued", "排程中"
    RUNNING = "running", "執行中"
    DONE = "done", "完成"
    FAILED = "failed", "失敗"


class MatchRun(TimeStampedModel):
    """One run of the nightly batch (every active seeker × every open vacancy), with progress.

    Not case content itself (counts and timings only), so it is not office-scoped; the rows it
    produced (``MatchSuggestion``) are.
    """

    status = models.CharField(
        "狀態", max_length=10, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED
    )
    top_k = models.PositiveSmallIntegerField("每筆保留筆數", default=20)
    progress_done = models.PositiveIntegerField("已完成", default=0)
    progress_total = models.PositiveIntegerField("總數", default=0)
    seekers = models.PositiveIntegerField("求職者數", default=0)
    vacancies = models.PositiveIntegerField("職缺數", default=0)
    suggestions = models.PositiveIntegerField("建議筆數", default=0)
    started_at = models.DateTimeField("開始時間", null=True, blank=True)
    finished_at = models.DateTimeField("結束時間", null=True, blank=True)
    error = models.TextField("錯誤訊息", blank=True)

    class Meta:
        verbose_name = "批次媒合"
        verbose_name_plural = "批次媒合"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"批次媒合 {local_text(self.created_at)}（{self.get_status_display()}）"

    @property
    def percent(self) -> int:
        return progress_percent(
            self.progress_done, self.progress_total, finished=self.status == MatchRunStatus.DONE
        )


class MatchDirection(models.TextChoices):
    VACANCIES_FOR_SEEKER = "seeker", "求職者的推薦職缺"
    SEEKERS_FOR_VACANCY = "vacancy", "職缺的推薦求職者"


class MatchSuggestion(ScopedModel):
    """One stored top-k pair of a batch run; office = the seeker's office."""

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": RECOMMENDATION_ROLES,
        "change": frozenset(),
    }

    run = models.ForeignKey(
        MatchRun, verbose_name="批次", on_delete=models.CASCADE, related_name="rows"
    )
    direction = models.CharField("方向", max_length=8, choices=MatchDirection.choices)
    seeker = models.ForeignKey(
        "cases.JobSeeker", verbose_name="求職者", on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", verbose_name="職缺", on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField("名次")
    score = models.FloatField("分數")

    class Meta:
        verbose_name = "批次媒合建議"
        verbose_name_plural = "批次媒合建議"
        ordering = ["direction", "rank"]
        indexes = [
            models.Index(fields=["run", "direction", "seeker"], name="sugg_run_seeker"),
            models.Index(fields=["run", "direction", "vacancy"], name="sugg_run_vacancy"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} #{self.rank}"
