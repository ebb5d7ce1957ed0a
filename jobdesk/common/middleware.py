from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from jobdesk.common.request_context import client_ip

logger = logging.getLogger("jobdesk.requests")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (all assets are local)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.JOBDESK_CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


class RequestContextMiddleware:
    """Make the client address available to audit writers for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)


class NoStoreForStaffMiddleware:
    """``Cache-Control: no-store`` on every page served to a signed-in member of staff: pages
    carry job seekers' personal data (PDPA Art. 27), so neither the browser nor a proxy keeps a
    copy (the back button after logging out shows nothing). Static files are not touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is unreachable answers 503 with the zh-Hant page
    that says the data is safe and to retry (also under DEBUG); failures before the view (the
    session, the user) reach ``handler500`` (jobdesk.common.errors.server_error), which does
    the same."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from jobdesk.common.errors import database_unavailable, unavailable_response

        if not database_unavailable(exception):
            return None
        logger.error("database unavailable: %s", exception)
        return unavailable_response()
