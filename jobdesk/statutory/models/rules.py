"""Statutory rules as dated data: an amount or a limit changes on a date without a code change."""

from __future__ import annotations

from django.db import models

from jobdesk.common.models import TimeStampedModel


class RuleStatus(models.TextChoices):
    VERIFIED = "verified", "已核對條文"
    TO_VERIFY = "to_verify", "待管理者核對"


class StatutoryRule(TimeStampedModel):
    """One value of one rule from ``effective_from`` to ``effective_to`` (inclusive, open-ended
    when empty). National reference data kept by administrators, not office-scoped."""

    key = models.CharField("規則代碼", max_length=60)
    value = models.JSONField("值")
    effective_from = models.DateField("生效日")
    effective_to = models.DateField("失效日（含）", null=True, blank=True)
    legal_basis = models.TextField("法源依據", max_length=1000)
    status = models.CharField(
        "核對狀態", max_length=10, choices=RuleStatus.choices, default=RuleStatus.TO_VERIFY
    )
    note = models.TextField("說明", max_length=1000, blank=True)

    class Meta:
        verbose_name = "法定規則"
        verbose_name_plural = "法定規則"
        ordering = ["key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="rule_key_from")
        ]

    def readable(self, names: dict[str, str] | None = None) -> str:
        """The value as a person reads it: amounts with separators, lists by their labels, codes
        by the names in ``names`` (e.g. §24 target groups)."""
        return _readable(self.value, names or {})

    def __str__(self) -> str:
        return f"{self.key}（{self.effective_from} 起）"

    @property
    def basis_text(self) -> str:
        suffix = "" if self.status == RuleStatus.VERIFIED else "（待核對）"
        return f"{self.legal_basis}{suffix}"


def _readable(value: object, names: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return f"{value:,}"
    if isinstance(value, list):
        return "、".join(_readable(item, names) for item in value)
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        return "；".join(f"{names.get(k, k)}：{_readable(v, names)}" for k, v in value.items())
    return names.get(str(value), str(value))
