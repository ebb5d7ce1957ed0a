"""The OpenAPI description (generated from the code) and the page that shows it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """OpenAPI 3.1, public: it describes the interface and holds no data."""

    permission_classes = [AllowAny]
    throttle_classes = []


def docs(request: HttpRequest) -> HttpResponse:
    """Redoc, served by the app (sidecar's static bundle, our own init script)."""
    return render(request, "api/redoc.html", {"schema_url": reverse("api:schema")})
