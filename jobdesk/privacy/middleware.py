"""Send staff who need a second factor to enrolment or verification before anything else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jobdesk.privacy import otp

EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/login/", "/accounts/logout/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not otp.is_verified(request)
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.path.startswith("/privacy/2fa/")
            and otp.requires_second_factor(user)
        ):
            device = otp.device_of(user)
            target = "privacy:otp_verify" if device and device.is_confirmed else "privacy:otp_enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
