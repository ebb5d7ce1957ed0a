"""Authentication with lockout after repeated failures (PDPA Art. 27 security measures)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from jobdesk.accounts.models import User


class LockoutModelBackend(ModelBackend):
    """Django's model backend, plus: a locked account cannot log in, and failures are counted.

    After ``JOBDESK_LOCKOUT_THRESHOLD`` consecutive failures the account is locked for
    ``JOBDESK_LOCKOUT_MINUTES``. The login form reads ``request.jobdesk_locked_until`` to tell
    the person why they cannot log in.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = User.objects.filter(username=username).first()
        if user is not None and user.is_locked:
            if request is not None:
                request.jobdesk_locked_until = user.locked_until  # type: ignore[attr-defined]
            return None
        authenticated = super().authenticate(request, username=username, password=password)
        if user is None:
            return None
        if authenticated is None:
            self._count_failure(user, request)
            return None
        if user.failed_login_count or user.locked_until:
            User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        return authenticated  # type: ignore[return-value]

    def _count_failure(self, user: User, request: HttpRequest | None) -> None:
        User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
        user.refresh_from_db(fields=["failed_login_count"])
        if user.failed_login_count >= settings.JOBDESK_LOCKOUT_THRESHOLD:
            until = timezone.now() + datetime.timedelta(minutes=settings.JOBDESK_LOCKOUT_MINUTES)
            User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
            if request is not None:
                request.jobdesk_locked_until = until  # type: ignore[attr-defined]

    def user_can_authenticate(self, user: Any) -> bool:
        return bool(super().user_can_authenticate(user)) and not getattr(user, "is_locked", False)
