"""Official code lists, loaded from ``jobdesk/taxonomy/data`` (sources named in SOURCE.md)."""

from __future__ import annotations

from django.db import models


class Occupation(models.Model):
    """職業標準分類 (6th revision, 2010): 大類 1 digit … 細類 4 digits."""

    code = models.CharField("代碼", max_length=4, primary_key=True)
    name = models.CharField("名稱", max_length=100)
    level = models.PositiveSmallIntegerField("層級")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = "職業分類"
        verbose_name_plural = "職業分類"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Industry(models.Model):
    """行業統計分類 (11th revision, 2021): 大類 letter, 中類 2 digits (or a span such as 45-46
    批發業), 小類 3, 細類 4 digits."""

    code = models.CharField("代碼", max_length=5, primary_key=True)
    name = models.CharField("名稱", max_length=100)
    level = models.PositiveSmallIntegerField("層級")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = "行業分類"
        verbose_name_plural = "行業分類"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Township(models.Model):
    """A 鄉鎮市區 with its 3-digit postal code and centroid (several may share a postal code)."""

    zip3 = models.CharField("郵遞區號", max_length=3, db_index=True)
    county = models.CharField("縣市", max_length=10, db_index=True)
    district = models.CharField("鄉鎮市區", max_length=20)
    full_name = models.CharField("名稱", max_length=30, unique=True)
    longitude = models.FloatField("經度")
    latitude = models.FloatField("緯度")

    class Meta:
        verbose_name = "鄉鎮市區"
        verbose_name_plural = "鄉鎮市區"
        ordering = ["zip3", "full_name"]

    def __str__(self) -> str:
        return f"{self.zip3} {self.full_name}"


class EducationLevel(models.Model):
    """教育程度, ordered by ``rank`` so that "at least" comparisons work."""

    code = models.CharField("代碼", max_length=20, primary_key=True)
    name = models.CharField("名稱", max_length=30)
    rank = models.PositiveSmallIntegerField("排序", unique=True)

    class Meta:
        verbose_name = "教育程度"
        verbose_name_plural = "教育程度"
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """特定對象 of 就業服務法 §24 (and related programmes)."""

    code = models.CharField("代碼", max_length=40, primary_key=True)
    name = models.CharField("名稱", max_length=60)
    legal_basis = models.CharField("法源", max_length=120)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "特定對象"
        verbose_name_plural = "特定對象"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name
