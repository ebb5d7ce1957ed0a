"""Machine access: service accounts, API tokens (hashed at rest) and the log of every use."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

_USER = settings.AUTH_USER_MODEL


class ServiceAccount(models.Model):
    """An account for a system, not a person: a user row with an office and a role and no
    password (it signs in only with its tokens), described by who runs it."""

    user = models.OneToOneField(
        _USER, verbose_name="帳號", on_delete=models.PROTECT, related_name="service_account"
    )
    description = models.CharField("用途說明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        _USER, verbose_name="建立者", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)

    class Meta:
        verbose_name = "服務帳號"
        verbose_name_plural = "服務帳號"
        ordering = ["user__username"]

    def __str__(self) -> str:
        return str(self.user)


class TokenKind(models.TextChoices):
    PERSONAL = "personal", "個人存取權杖"
    SERVICE = "service", "服務帳號權杖"


class ApiToken(models.Model):
    """A bearer token. Only ``prefix`` (to find the row) and the SHA-256 ``digest`` of the whole
    token are stored; the token itself is shown once, when it is created."""

    public_id = models.UUIDField("識別碼", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("名稱", max_length=100)
    kind = models.CharField("類別", max_length=10, choices=TokenKind.choices)
    user = models.ForeignKey(
        _USER, verbose_name="代表帳號", on_delete=models.PROTECT, related_name="api_tokens"
    )
    prefix = models.CharField("前綴", max_length=16, unique=True)
    digest = models.CharField("雜湊（SHA-256）", max_length=64, unique=True)
    scopes = models.JSONField("權限範圍", default=list)
    expires_at = models.DateTimeField("到期時間")
    created_by = models.ForeignKey(
        _USER, verbose_name="建立者", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    revoked_at = models.DateTimeField("撤銷時間", null=True, blank=True)
    revoked_by = models.ForeignKey(
        _USER, verbose_name="撤銷者", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField("最後使用時間", null=True, blank=True)

    class Meta:
        verbose_name = "API 權杖"
        verbose_name_plural = "API 權杖"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def scope_labels(self) -> list[str]:
        """The scopes as people read them (「求職者與個案（讀取）」)."""
        from jobdesk.api.scopes import SCOPE_CHOICES

        names = dict(SCOPE_CHOICES)
        return [names.get(scope, scope) for scope in self.scopes]

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class TokenUse(models.Model):
    """One request made with a token (append-only): when, what, from where."""

    token = models.ForeignKey(
        ApiToken, verbose_name="權杖", on_delete=models.PROTECT, related_name="uses"
    )
    used_at = models.DateTimeField("時間", auto_now_add=True, db_index=True)
    method = models.CharField("方法", max_length=10)
    path = models.CharField("路徑", max_length=300)
    ip_address = models.GenericIPAddressField("來源位址", null=True, blank=True)

    class Meta:
        verbose_name = "權杖使用紀錄"
        verbose_name_plural = "權杖使用紀錄"
        ordering = ["-used_at", "-id"]
        indexes = [models.Index(fields=["token", "used_at"], name="tokenuse_token_time")]

    def __str__(self) -> str:
        return f"{self.token.prefix} {self.method} {self.path}"
