"""The competency standard BHR3333-004v2 itself, as data.

Each duty (T1), task (T1.2), work output (O1.2.1), behaviour indicator (P1.2.3) and K/S/A item is
one ``StandardItem``. Activity types elsewhere in the product name the task and indicators they
perform, so practice can be counted against the standard.
"""

from __future__ import annotations

from django.db import models


class ItemKind(models.TextChoices):
    DUTY = "duty", "主要職責"
    TASK = "task", "工作任務"
    OUTPUT = "output", "工作產出"
    INDICATOR = "indicator", "行為指標"
    KNOWLEDGE = "knowledge", "知識"
    SKILL = "skill", "技能"
    ATTITUDE = "attitude", "態度"


class StandardItem(models.Model):
    code = models.CharField("代碼", max_length=12, primary_key=True)
    kind = models.CharField("類別", max_length=10, choices=ItemKind.choices)
    title = models.TextField("內容")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    competency_level = models.PositiveSmallIntegerField("職能級別", null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "職能基準項目"
        verbose_name_plural = "職能基準項目"
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
