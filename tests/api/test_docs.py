"""The OpenAPI description and its page: generated from the code, served by the app."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_1_and_lists_the_api(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert "/api/v1/recommendations/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    reply = schema["paths"]["/api/v1/recommendations/{public_id}/reply/"]["post"]
    assert {"400", "404", "412", "428"} <= set(reply["responses"])


def test_the_docs_page_loads_only_the_apps_own_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(s.startswith("/static/") for s in sources), sources
    assert "<script>" not in page  # no inline script
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "style-src 'self' 'unsafe-inline'" in csp  # Redoc's run-time styles, this page only


def test_other_pages_keep_the_strict_csp(client):
    assert "'unsafe-inline'" not in client.get("/api/schema/")["Content-Security-Policy"]
