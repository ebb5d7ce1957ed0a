"""Error pages of the app in Traditional Chinese (handler500; 403/404 use their templates).

While the database is down every request fails with ``OperationalError`` (in a view or already
in the session middleware); the 500 handler then answers 503 with a page that says the data is
safe and to retry, and ``Retry-After``. The templates extend ``errors/base.html``, which reads
neither the database nor the user, so they render whatever is down.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_S = 30


def database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response() -> HttpResponse:
    body = loader.get_template("errors/database_unavailable.html").render(
        {"retry_after": RETRY_AFTER_S}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 with the retry page for a database outage, else the 500 page."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        response = unavailable_response()
    else:
        response = HttpResponse(loader.get_template("500.html").render(), status=500)
    response["Cache-Control"] = "no-store"
    return response
