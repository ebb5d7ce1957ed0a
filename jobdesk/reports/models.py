"""Reference data of the reports: the Ministry's monthly workload baseline per member of staff.

The baseline is dated data: a value applies from ``valid_from`` until a later row of the same
measure replaces it, so a month is always compared with the baseline in force at the time.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.common.models import ScopedModel
from jobdesk.common.progress import progress_percent

_USER = settings.AUTH_USER_MODEL


class WorkloadMeasure(models.TextChoices):
    INTAKE = "intake", "受理求職求才"
    MATCHED = "matched", "就業媒合成功"
    CONSULTATIONS = "consultations", "就業服務諮詢"


class WorkloadBaseline(models.Model):
    measure = models.CharField("項目", max_length=20, choices=WorkloadMeasure.choices)
    monthly_per_staff = models.PositiveIntegerField("每人每月基準（件）")
    valid_from = models.DateField("適用起日")
    source = models.CharField("來源", max_length=300)
    note = models.TextField("說明", blank=True)
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        verbose_name = "每人每月工作量基準"
        verbose_name_plural = "每人每月工作量基準"
        ordering = ["measure", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "valid_from"], name="baseline_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.monthly_per_staff}（{self.valid_from} 起）"

    @classmethod
    def in_force(cls, day: datetime.date) -> dict[str, WorkloadBaseline]:
        """The baseline of each measure in force on ``day``."""
        found: dict[str, WorkloadBaseline] = {}
        for row in cls.objects.filter(valid_from__lte=day).order_by("measure", "-valid_from"):
            found.setdefault(row.measure, row)
        return found


LEVELS = [(1, "1 待加強"), (2, "2 尚可"), (3, "3 符合"), (4, "4 良好"), (5, "5 優異")]


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "自評中"
    SUBMITTED = "submitted", "待督導評核"
    SIGNED = "signed", "已簽核"


class CompetencyAssessment(ScopedModel):
    """A counsellor's competency assessment against BHR3333-004v2 (K/S/A items and behaviour
    indicators): the self-assessment, then the supervisor's assessment and sign-off.

    Versioned: each assessment has a number per counsellor; a signed one never changes, and a new
    round is a new number. Office: the counsellor's office. Counsellors see their own only (the
    selectors add that to ``for_user``).
    """

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {
        "view": CASE_VIEW_ROLES,
        "change": CASE_CHANGE_ROLES,
    }

    counsellor = models.ForeignKey(
        _USER, verbose_name="就業服務員", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField("版次")
    status = models.CharField(
        "狀態", max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    evidence_from = models.DateField("實踐佐證起日")
    evidence_to = models.DateField("實踐佐證迄日")
    self_submitted_at = models.DateTimeField("自評送出時間", null=True, blank=True)
    supervisor_comment = models.TextField("督導綜合意見", blank=True)
    signed_by = models.ForeignKey(
        _USER,
        verbose_name="簽核督導",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("簽核時間", null=True, blank=True)

    class Meta:
        verbose_name = "職能評核"
        verbose_name_plural = "職能評核"
        ordering = ["counsellor", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["counsellor", "number"], name="assessment_number")
        ]

    def __str__(self) -> str:
        return f"{self.counsellor} 職能評核 第{self.number}版"


class CompetencyRating(models.Model):
    """One item of an assessment: the counsellor's level and the supervisor's."""

    assessment = models.ForeignKey(
        CompetencyAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    item_code = models.CharField("項目代碼", max_length=12)
    self_level = models.PositiveSmallIntegerField("自評", choices=LEVELS, null=True)
    self_note = models.TextField("自評說明", max_length=1000, blank=True)
    supervisor_level = models.PositiveSmallIntegerField("督導評核", choices=LEVELS, null=True)
    supervisor_note = models.TextField("督導說明", max_length=1000, blank=True)

    class Meta:
        verbose_name = "職能評核項目"
        verbose_name_plural = "職能評核項目"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_code"], name="rating_per_item")
        ]

    def __str__(self) -> str:
        return self.item_code


class MonthlyReportStatus(models.TextChoices):
    QUEUED = "queued", "排程中"
    RUNNING = "running", "產製中"
    DONE = "done", "完成"
    FAILED = "failed", "失敗"


SUPERVISORS: frozenset[str] = frozenset({"supervisor"})


class MonthlyReport(ScopedModel):
    """An office's monthly report workbook, made by a background task with its progress.

    Holds figures only (indicators, workload, closure counts by reason): no personal data.
    """

    scope_roles: ClassVar[dict[str, frozenset[str]]] = {"view": SUPERVISORS, "change": SUPERVISORS}

    month = models.DateField("月份（首日）")
    status = models.CharField(
        "狀態",
        max_length=10,
        choices=MonthlyReportStatus.choices,
        default=MonthlyReportStatus.QUEUED,
    )
    progress_done = models.PositiveSmallIntegerField("已完成", default=0)
    progress_total = models.PositiveSmallIntegerField("總數", default=0)
    requested_by = models.ForeignKey(
        _USER,
        verbose_name="申請人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content = models.BinaryField("檔案", blank=True, default=b"")
    started_at = models.DateTimeField("開始時間", null=True, blank=True)
    finished_at = models.DateTimeField("完成時間", null=True, blank=True)
    error = models.TextField("錯誤訊息", blank=True)

    class Meta:
        verbose_name = "月報"
        verbose_name_plural = "月報"
        ordering = ["-month", "-created_at"]

    def __str__(self) -> str:
        return f"{self.office} {self.month:%Y-%m} 月報"

    @property
    def percent(self) -> int:
        done = self.status == MonthlyReportStatus.DONE
        return progress_percent(self.progress_done, self.progress_total, finished=done)


class MonthFigures(models.Model):
    """An office's indicators for a month, as computed at ``computed_at``: after it ended
    (nightly), or while it runs (``running``: ``jobdesk report-figures --running``).

    Written only by ``reports.figures.store``, read by the indicator and trend pages for that
    office and month instead of counting the rows again, when ``reports.freshness`` allows.
    Figures only, no personal data; the rows behind them are always read live (drill-downs).
    """

    office = models.ForeignKey(
        "accounts.Office", verbose_name="據點", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("月份（首日）")
    values = models.JSONField("數值")
    computed_at = models.DateTimeField("彙整時間")
    running = models.BooleanField(
        "本月快照", default=False, help_text="月份進行中所彙整（reports.freshness 決定是否讀取）"
    )

    class Meta:
        verbose_name = "月統計彙整"
        verbose_name_plural = "月統計彙整"
        constraints = [
            models.UniqueConstraint(fields=["office", "month"], name="month_figures_office_month")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.month:%Y-%m}"


class AggregateKind(models.TextChoices):
    PRACTICE = "practice", "職能實踐"
    WORKLOAD = "workload", "工作量"


class AggregatedMonth(models.Model):
    """A month whose per-counsellor aggregates (``PracticeMonth``, ``WorkloadMonth``) are stored,
    and when they were computed: after it ended, or while it runs (``running``, read only while
    fresh: ``reports.freshness``)."""

    kind = models.CharField("類別", max_length=20, choices=AggregateKind.choices)
    month = models.DateField("月份（首日）")
    computed_at = models.DateTimeField("彙整時間")
    running = models.BooleanField(
        "本月快照", default=False, help_text="月份進行中所彙整（reports.freshness 決定是否讀取）"
    )

    class Meta:
        verbose_name = "已彙整月份"
        verbose_name_plural = "已彙整月份"
        constraints = [
            models.UniqueConstraint(fields=["kind", "month"], name="aggregated_month_kind_month")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m}"


class PracticeMonth(models.Model):
    """Practice evidence of one month: per office of the service record, member of staff who
    recorded it and code of the standard (task or behaviour indicator), how many service records
    name the code and the latest service time. Written only by ``reports.aggregates``."""

    month = models.DateField("月份（首日）")
    office = models.ForeignKey(
        "accounts.Office", verbose_name="據點", on_delete=models.CASCADE, related_name="+"
    )
    counsellor = models.ForeignKey(
        _USER, verbose_name="就業服務員", on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField("代碼", max_length=16)
    count = models.PositiveIntegerField("筆數")
    last_at = models.DateTimeField("最近服務時間")

    class Meta:
        verbose_name = "職能實踐月彙整"
        verbose_name_plural = "職能實踐月彙整"
        indexes = [models.Index(fields=["month", "office"], name="practice_month_office")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.counsellor_id} {self.code} {self.count}"


class WorkloadMonth(models.Model):
    """Workload of one month: per office of the row, member of staff and measure, the count.
    Written only by ``reports.aggregates``."""

    month = models.DateField("月份（首日）")
    office = models.ForeignKey(
        "accounts.Office", verbose_name="據點", on_delete=models.CASCADE, related_name="+"
    )
    counsellor = models.ForeignKey(
        _USER, verbose_name="就業服務員", on_delete=models.CASCADE, related_name="+"
    )
    measure = models.CharField("項目", max_length=20, choices=WorkloadMeasure.choices)
    count = models.PositiveIntegerField("件數")

    class Meta:
        verbose_name = "工作量月彙整"
        verbose_name_plural = "工作量月彙整"
        indexes = [models.Index(fields=["month", "office"], name="workload_month_office")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.counsellor_id} {self.measure} {self.count}"
