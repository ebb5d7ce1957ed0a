"""Offices (a tree: 分署 → 就業中心 → 就業服務台/站) and the people who work in them."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from jobdesk.common.roles import Role
from jobdesk.common.scoping import is_within

OFFICE_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,20}$")


class OfficeKind(models.TextChoices):
    BRANCH = "branch", "分署"
    CENTRE = "centre", "就業中心"
    DESK = "desk", "就業服務台／站"


class Office(models.Model):
    """A 就業服務據點. ``path`` is the chain of codes from the root, so a subtree is a prefix."""

    code = models.CharField(
        "據點代碼",
        max_length=20,
        unique=True,
        help_text="英數字、底線或連字號 2–20 字，建立後不可更改。",
    )
    name = models.CharField("名稱", max_length=100)
    kind = models.CharField("層級", max_length=10, choices=OfficeKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上級據點",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路徑", max_length=400, unique=True, editable=False)
    township = models.ForeignKey(
        "taxonomy.Township",
        verbose_name="所在鄉鎮市區",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("電話", max_length=30, blank=True)
    review_interval_days = models.PositiveSmallIntegerField(
        "定期評估間隔（天）",
        default=30,
        help_text="個案定期評估（T2.3）的預設間隔。",
    )
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = "就業服務據點"
        verbose_name_plural = "就業服務據點"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = (self.parent.path if self.parent else "") + self.code + "/"
        super().save(*args, **kwargs)

    _ALLOWED_PARENT: ClassVar[dict[str, set[str | None]]] = {
        OfficeKind.BRANCH: {None},
        OfficeKind.CENTRE: {OfficeKind.BRANCH},
        OfficeKind.DESK: {OfficeKind.CENTRE},
    }

    def clean(self) -> None:
        if not OFFICE_CODE_RE.match(self.code or ""):
            raise ValidationError({"code": "據點代碼須為英數字、底線或連字號 2–20 字。"})
        parent_kind = self.parent.kind if self.parent else None
        if parent_kind not in self._ALLOWED_PARENT[OfficeKind(self.kind)]:
            raise ValidationError(
                {"parent": "層級不符：分署無上級，就業中心隸屬分署，服務台／站隸屬就業中心。"}
            )
        if self.pk:
            old = Office.objects.filter(pk=self.pk).values_list("code", "parent_id").first()
            if old and (old[0] != self.code or old[1] != self.parent_id):
                raise ValidationError("據點建立後不可更改代碼或上級據點，請新增據點並移轉個案。")

    def is_within(self, other: Office) -> bool:
        """True if this office is ``other`` or lies below it."""
        return is_within(self, other)


class User(AbstractUser):
    """A member of staff. Every user belongs to one office and has one role."""

    display_name = models.CharField("姓名", max_length=60, blank=True)
    office = models.ForeignKey(
        Office,
        verbose_name="據點",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.COUNSELLOR)
    failed_login_count = models.PositiveSmallIntegerField("連續登入失敗次數", default=0)
    locked_until = models.DateTimeField("鎖定至", null=True, blank=True)

    class Meta:
        verbose_name = "使用者"
        verbose_name_plural = "使用者"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role != Role.ADMINISTRATOR and self.office_id is None and not self.is_superuser:
            raise ValidationError({"office": "除系統管理者外，每位使用者都必須隸屬一個據點。"})

    @property
    def is_locked(self) -> bool:
        return bool(self.locked_until and self.locked_until > timezone.now())

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles


class AuthThrottle(models.Model):
    """Failed attempts at a sign-in step, counted per key: an account name (whether or not the
    account exists, so a lock says nothing about which names are real), a client address
    (password spraying across accounts) or a user's second factor. The key is stored as a keyed
    hash, never in clear."""

    class Scope(models.TextChoices):
        ACCOUNT = "account", "帳號"
        ADDRESS = "address", "來源位址"
        OTP = "otp", "雙重驗證碼"

    scope = models.CharField("類別", max_length=10, choices=Scope.choices)
    key_hash = models.CharField("鍵（雜湊）", max_length=64)
    failures = models.PositiveIntegerField("失敗次數", default=0)
    window_started_at = models.DateTimeField("計算起點", default=timezone.now)
    locked_until = models.DateTimeField("鎖定至", null=True, blank=True)

    class Meta:
        verbose_name = "登入限制"
        verbose_name_plural = "登入限制"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="auththrottle_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key_hash[:8]}"
