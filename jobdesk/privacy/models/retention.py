"""Retention (PDPA Art. 11): how long personal data is kept after a case closes, and what was done.

``RetentionPolicy`` is a single row kept by administrators; ``RetentionRun`` keeps statistics of
each purge (counts only, never who).
"""

from __future__ import annotations

from django.db import models


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", "匿名化（保留統計用欄位）"
    DELETE = "delete", "刪除"


class RetentionPolicy(models.Model):
    """The one retention setting of the installation (row id 1)."""

    months_after_closure = models.PositiveSmallIntegerField(
        "結案後保存月數",
        default=36,
        help_text="個案結案（特定目的消失）後保存個人資料的月數，屆滿由排程刪除或匿名化。",
    )
    action = models.CharField(
        "屆期處理方式",
        max_length=12,
        choices=RetentionAction.choices,
        default=RetentionAction.ANONYMISE,
    )
    enabled = models.BooleanField("啟用自動清除", default=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        verbose_name = "個資保存期限設定"
        verbose_name_plural = "個資保存期限設定"

    def __str__(self) -> str:
        return f"結案後 {self.months_after_closure} 個月{self.get_action_display()}"

    @classmethod
    def current(cls) -> RetentionPolicy:
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy


class RetentionRun(models.Model):
    """Statistics of one purge run: counts only."""

    started_at = models.DateTimeField("開始時間", auto_now_add=True)
    finished_at = models.DateTimeField("完成時間", null=True, blank=True)
    action = models.CharField("處理方式", max_length=12, choices=RetentionAction.choices)
    cutoff = models.DateTimeField("結案早於")
    seekers_processed = models.PositiveIntegerField("處理人數", default=0)
    seekers_on_hold = models.PositiveIntegerField("法律保全略過人數", default=0)
    rows_changed = models.PositiveIntegerField("異動資料列數", default=0)
    files_deleted = models.PositiveIntegerField("刪除檔案數", default=0)

    class Meta:
        verbose_name = "個資清除執行紀錄"
        verbose_name_plural = "個資清除執行紀錄"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.seekers_processed} 人"
