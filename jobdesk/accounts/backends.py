"""Authentication with lockout after repeated failures (PDPA Art. 27 security measures)."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from jobdesk.accounts import throttle
from jobdesk.accounts.models import User
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event

logger = logging.getLogger("jobdesk.security")


class LockoutModelBackend(ModelBackend):
    """Django's model backend, plus: a locked account cannot log in, and failures are counted.

    After ``JOBDESK_LOCKOUT_THRESHOLD`` consecutive failures an account name is locked for
    ``JOBDESK_LOCKOUT_MINUTES`` — a name with no account too, so the answer (locked or not) tells
    nothing about which names exist. Every failure also counts against the client address:
    ``JOBDESK_LOGIN_ADDRESS_THRESHOLD`` failures within ``JOBDESK_LOGIN_ADDRESS_WINDOW_MINUTES``
    (password spraying over many accounts) lock the address for ``JOBDESK_LOCKOUT_MINUTES``.
    The login form reads ``request.jobdesk_locked_until`` / ``request.jobdesk_address_locked_until``
    to tell the person why they cannot log in.
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
        address = (request.META.get("REMOTE_ADDR") or "") if request is not None else ""
        if address and (until := throttle.locked_until(throttle.Scope.ADDRESS, address)):
            if request is not None:
                request.jobdesk_address_locked_until = until  # type: ignore[attr-defined]
            return None
        user = User.objects.filter(username=username).first()
        name_key = username.strip().lower()
        locked = user.locked_until if user is not None and user.is_locked else None
        if user is None:
            locked = throttle.locked_until(throttle.Scope.ACCOUNT, name_key)
        if locked is not None:
            if request is not None:
                request.jobdesk_locked_until = locked  # type: ignore[attr-defined]
            return None
        authenticated = super().authenticate(request, username=username, password=password)
        if authenticated is None:
            self._count_failure(user, name_key, address, request)
            return None
        if user is not None and (user.failed_login_count or user.locked_until):
            User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        return authenticated  # type: ignore[return-value]

    def _count_failure(
        self, user: User | None, name_key: str, address: str, request: HttpRequest | None
    ) -> None:
        minutes = settings.JOBDESK_LOCKOUT_MINUTES
        until = None
        if user is None:
            until = throttle.fail(
                throttle.Scope.ACCOUNT,
                name_key,
                threshold=settings.JOBDESK_LOCKOUT_THRESHOLD,
                minutes=minutes,
            )
        else:
            User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
            user.refresh_from_db(fields=["failed_login_count"])
            if user.failed_login_count >= settings.JOBDESK_LOCKOUT_THRESHOLD:
                until = timezone.now() + datetime.timedelta(minutes=minutes)
                User.objects.filter(pk=user.pk).update(locked_until=until, failed_login_count=0)
                with transaction.atomic():
                    record_event(
                        Event.ACCOUNTS_USER_LOCKED,
                        actor=None,
                        subject=user,
                        office=user.office,
                        after={"locked_until": until},
                    )
        if until is not None and request is not None:
            request.jobdesk_locked_until = until  # type: ignore[attr-defined]
        if address:
            address_until = throttle.fail(
                throttle.Scope.ADDRESS,
                address,
                threshold=settings.JOBDESK_LOGIN_ADDRESS_THRESHOLD,
                minutes=minutes,
                window_minutes=settings.JOBDESK_LOGIN_ADDRESS_WINDOW_MINUTES,
            )
            if address_until is not None:
                logger.warning(
                    "login: address %s locked until %s after repeated failures",
                    address,
                    address_until.isoformat(),
                )

    def user_can_authenticate(self, user: Any) -> bool:
        return bool(super().user_can_authenticate(user)) and not getattr(user, "is_locked", False)
