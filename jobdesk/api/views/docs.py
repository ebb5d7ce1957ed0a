"""The OpenAPI description (generated from the code) and the page that shows it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """OpenAPI 3.1, public: it describes the interface and holds no data."""

    permission_classes = [AllowAny]
    throttle_classes = []


#: The product's CSP with one relaxation for this page only: Redoc (styled-components) writes
#: its styles into <style> elements at run time, so ``style-src`` admits inline styles here.
#: Scripts stay ``'self'`` (no inline script: the init script is a file); the page shows the
#: interface description, never personal data.
DOCS_STYLE_SRC = "style-src 'self' 'unsafe-inline'"


def docs(request: HttpRequest) -> HttpResponse:
    """Redoc, served by the app (sidecar's static bundle, our own init script)."""
    response = render(request, "api/redoc.html", {"schema_url": reverse("api:schema")})
    response["Content-Security-Policy"] = settings.JOBDESK_CSP.replace(
        "style-src 'self'", DOCS_STYLE_SRC
    )
    return response
