"""Counting failed sign-in attempts and locking a key for a while (PDPA Art. 27 security).

One mechanism for the three places an attacker can guess: a password per account name, many
accounts from one address, and the six-digit second factor. ``fail`` counts a failure inside a
window and locks the key when the count reaches the threshold; ``locked_until`` tells whether a
key is locked now; ``clear`` forgets a key after a success.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobdesk.accounts.models import AuthThrottle

Scope = AuthThrottle.Scope


def _hash(scope: str, key: str) -> str:
    secret = str(settings.SECRET_KEY).encode()
    return hmac.new(secret, f"{scope}:{key}".encode(), hashlib.sha256).hexdigest()


def locked_until(scope: str, key: str) -> datetime.datetime | None:
    """When the lock on ``key`` ends, or None when it is not locked now."""
    until = (
        AuthThrottle.objects.filter(scope=scope, key_hash=_hash(scope, key))
        .values_list("locked_until", flat=True)
        .first()
    )
    return until if until is not None and until > timezone.now() else None


@transaction.atomic
def fail(
    scope: str, key: str, *, threshold: int, minutes: int, window_minutes: int | None = None
) -> datetime.datetime | None:
    """Count one failure of ``key``; returns the end of the lock when this failure locks it.

    Failures older than ``window_minutes`` (when given) no longer count. The row is locked while
    it is counted, so concurrent failures are all counted.
    """
    key_hash = _hash(scope, key)
    now = timezone.now()
    try:
        with transaction.atomic():
            row, _ = AuthThrottle.objects.select_for_update().get_or_create(
                scope=scope, key_hash=key_hash, defaults={"window_started_at": now}
            )
    except IntegrityError:  # created by a concurrent failure a moment ago
        row = AuthThrottle.objects.select_for_update().get(scope=scope, key_hash=key_hash)
    if row.locked_until is not None and row.locked_until <= now:
        row.failures, row.locked_until, row.window_started_at = 0, None, now
    if window_minutes is not None and now - row.window_started_at > datetime.timedelta(
        minutes=window_minutes
    ):
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    locked = None
    if row.failures >= threshold:
        locked = now + datetime.timedelta(minutes=minutes)
        row.locked_until, row.failures, row.window_started_at = locked, 0, now
    row.save(update_fields=["failures", "window_started_at", "locked_until"])
    return locked


def clear(scope: str, key: str) -> None:
    AuthThrottle.objects.filter(scope=scope, key_hash=_hash(scope, key)).delete()
