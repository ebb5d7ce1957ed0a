"""Two-factor authentication for staff (PDPA Art. 27 security measure): TOTP, RFC 6238.

Administrators and auditors must enrol; anyone else who enrolled must verify too. A verified
session carries ``SESSION_KEY`` = the user's id; logging out flushes it.
"""

from __future__ import annotations

import datetime
import time
from typing import TYPE_CHECKING, Any

import pyotp
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from jobdesk.accounts import throttle
from jobdesk.accounts.roles import Role
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.privacy.models import StaffOTPDevice

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

SESSION_KEY = "jobdesk_otp_verified"
ISSUER = "jobdesk"
REQUIRED_ROLES = frozenset({Role.ADMINISTRATOR, Role.AUDITOR})
STEP_SECONDS = 30


def device_of(user: Any) -> StaffOTPDevice | None:
    return StaffOTPDevice.objects.filter(user=user).first()


def requires_second_factor(user: Any) -> bool:
    if user.role in REQUIRED_ROLES:
        return True
    device = device_of(user)
    return device is not None and device.is_confirmed


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(SESSION_KEY) == request.user.pk)


def mark_verified(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = request.user.pk
    request.session.cycle_key()


def provisioning_uri(device: StaffOTPDevice) -> str:
    return str(
        pyotp.TOTP(device.secret_encrypted).provisioning_uri(
            name=device.user.get_username(), issuer_name=ISSUER
        )
    )


@transaction.atomic
def start_enrolment(*, actor: User) -> StaffOTPDevice:
    """A fresh secret for ``actor`` (replacing an unconfirmed one). A confirmed device stays."""
    device = device_of(actor)
    if device is not None and device.is_confirmed:
        return device
    secret = pyotp.random_base32()
    if device is None:
        device = StaffOTPDevice.objects.create(user=actor, secret_encrypted=secret)
    else:
        device.secret_encrypted = secret
        device.save(update_fields=["secret_encrypted"])
    return device


def locked_until(user: Any) -> datetime.datetime | None:
    """While too many wrong codes were entered (``JOBDESK_OTP_THRESHOLD`` in a row), no code is
    checked at all until the lock ends (``JOBDESK_LOCKOUT_MINUTES``): six digits cannot be
    guessed by trying them."""
    return throttle.locked_until(throttle.Scope.OTP, str(user.pk))


def _matching_step(device: StaffOTPDevice, code: str) -> int | None:
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(device.secret_encrypted)
    now = int(time.time())
    for drift in (0, -1, 1):
        step = now // STEP_SECONDS + drift
        if totp.at(step * STEP_SECONDS) == code:
            return step
    return None


@transaction.atomic
def verify_code(*, actor: User, code: str) -> bool:
    """True (and the code used up) if ``code`` is the current code of ``actor``'s device.

    The first good code confirms an enrolment. A code is accepted once (replay protection).
    """
    device = StaffOTPDevice.objects.select_for_update().filter(user=actor).first()
    if device is None:
        return False
    if locked_until(actor) is not None:
        record_event(
            Event.PRIVACY_OTP_REFUSED_LOCKED, actor=actor, subject=device, office=actor.office
        )
        return False
    step = _matching_step(device, code)
    if step is None or step <= device.last_used_step:
        record_event(Event.PRIVACY_OTP_FAILED, actor=actor, subject=device, office=actor.office)
        until = throttle.fail(
            throttle.Scope.OTP,
            str(actor.pk),
            threshold=settings.JOBDESK_OTP_THRESHOLD,
            minutes=settings.JOBDESK_LOCKOUT_MINUTES,
        )
        if until is not None:
            record_event(
                Event.PRIVACY_OTP_LOCKED,
                actor=actor,
                subject=device,
                office=actor.office,
                after={"locked_until": until},
            )
        return False
    throttle.clear(throttle.Scope.OTP, str(actor.pk))
    device.last_used_step = step
    fields = ["last_used_step"]
    if device.confirmed_at is None:
        device.confirmed_at = timezone.now()
        fields.append("confirmed_at")
        record_event(Event.PRIVACY_OTP_ENROLLED, actor=actor, subject=device, office=actor.office)
    device.save(update_fields=fields)
    return True


@transaction.atomic
def reset_device(user: Any, *, actor: User) -> None:
    """Remove ``user``'s device (lost phone); they enrol again at their next login."""
    device = device_of(user)
    if device is not None:
        record_event(Event.PRIVACY_OTP_RESET, actor=actor, subject=device, office=user.office)
        device.delete()
