"""/api/v1/indicators/: the reports' registry per office and month, in the reader's scope."""

from __future__ import annotations

import pytest

from jobdesk.reports import indicators as registry
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

pytestmark = pytest.mark.django_db


def test_a_supervisor_reads_the_office_figures_with_definitions(personas, offices, token_for, w):
    period = Period.this_month()
    answer = token_for(personas["sam"]).get("/api/v1/indicators/", month=period.key)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["office"] == offices["a"].code
    assert body["month"] == period.key
    assert [r["key"] for r in body["results"]] == [i.key for i in registry.INDICATORS]
    expected = registry.evaluate_all(ReportScope(personas["sam"], offices["a"]), period)
    for row, value in zip(body["results"], expected, strict=True):
        assert row["definition"] == value.indicator.definition
        assert row["source"] == value.indicator.source
        assert row["display"] == value.display
        assert row["rows"] == value.rows
    new_cases = next(r for r in body["results"] if r["rows"])
    assert new_cases["value"] >= 1  # the world's case, opened this month


def test_outside_the_readers_scope_is_404(personas, offices, token_for, w):
    sam = token_for(personas["sam"])
    assert sam.get("/api/v1/indicators/", office=offices["c"].code).status_code == 404
    alice = token_for(personas["alice"])
    assert alice.get("/api/v1/indicators/", counsellor="bob").status_code == 404
    own = alice.get("/api/v1/indicators/")
    assert own.status_code == 200
    assert own.json()["counsellor"] == "alice"


def test_roles_and_token_scopes(personas, token_for, w):
    assert token_for(personas["oscar"]).get("/api/v1/indicators/").status_code == 403
    no_scope = token_for(personas["sam"], ["cases:read"])
    assert no_scope.get("/api/v1/indicators/").status_code == 403


def test_a_bad_month_is_a_400_in_chinese(personas, token_for, w):
    answer = token_for(personas["sam"]).get("/api/v1/indicators/", month="2026-13")
    assert answer.status_code == 400
    assert "YYYY-MM" in answer.json()["month"][0]


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/indicators/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"office", "counsellor", "month"}
