"""Second factor for staff: a TOTP secret per user (RFC 6238), stored encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jobdesk.common.crypto import EncryptedTextField


class StaffOTPDevice(models.Model):
    """A member of staff's authenticator app. ``confirmed_at`` is set once a code was verified."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="使用者",
        on_delete=models.CASCADE,
        related_name="otp_device",
    )
    secret_encrypted = EncryptedTextField("金鑰（加密）")
    confirmed_at = models.DateTimeField("啟用時間", null=True, blank=True)
    last_used_step = models.BigIntegerField("最後使用時間步", default=0)
    created_at = models.DateTimeField("建立時間", auto_now_add=True)

    class Meta:
        verbose_name = "雙重驗證裝置"
        verbose_name_plural = "雙重驗證裝置"

    def __str__(self) -> str:
        return f"{self.user} 的驗證器"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
