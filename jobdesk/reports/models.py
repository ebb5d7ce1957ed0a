"""Reference data of the reports: the Ministry's monthly workload baseline per member of staff.

The baseline is dated data: a value applies from ``valid_from`` until a later row of the same
measure replaces it, so a month is always compared with the baseline in force at the time.
"""

from __future__ import annotations

import datetime

from django.db import models


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
