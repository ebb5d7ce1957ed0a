"""Lists out as CSV and Excel: the list's scope and filters, every seeker logged as an export."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from jobdesk.audit.models import AccessEvent, AuditEvent
from tests.matching.factories import make_employer, make_seeker, make_vacancy

pytestmark = pytest.mark.django_db


def _csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_seekers_as_csv_are_scoped_and_logged_as_an_export(personas, token_for, w, world_c):
    make_seeker(personas["bob"], name="吳建國")
    response = token_for(personas["alice"]).get("/api/v1/seekers/", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="seekers-')
    rows = _csv(response)
    assert sorted(r["name"] for r in rows) == ["吳建國", "王小明"]  # not 臺中's 陳大文
    exported = AccessEvent.objects.filter(actor=personas["alice"], action="export")
    assert exported.count() == 2
    assert {e.subject_id for e in exported} == {r["id"] for r in rows}
    event = AuditEvent.objects.get(event_type="export.list_exported", actor=personas["alice"])
    assert event.after == {
        "list": "seekers",
        "format": "csv",
        "filters": {},
        "rows": 2,
        "via": "api",
    }


def test_vacancies_as_excel_keep_the_list_filters(personas, token_for, w):
    make_vacancy(personas["oscar"], w["employer"], open_it=False, title="會計助理")
    response = token_for(personas["oscar"]).get("/api/v1/vacancies/", format="xlsx", status="draft")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert [r[header.index("title")] for r in rows[1:]] == ["會計助理"]


def test_a_cell_that_would_be_a_formula_is_written_as_text(personas, token_for, reference_data):
    make_employer(personas["oscar"], name='=HYPERLINK("http://x")')
    rows = _csv(token_for(personas["oscar"]).get("/api/v1/employers/", format="csv"))
    assert rows[0]["name"] == '\'=HYPERLINK("http://x")'


def test_an_export_needs_the_same_scope_as_the_list(personas, token_for, reference_data):
    response = token_for(personas["oscar"], ["employers:read"]).get(
        "/api/v1/seekers/", format="csv"
    )
    assert response.status_code == 403
