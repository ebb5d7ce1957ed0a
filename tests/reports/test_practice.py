"""Practice against BHR3333-004v2: counts, last dates, records behind a cell, gaps."""

from __future__ import annotations

import datetime

import pytest

from jobdesk.reports import practice
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

pytestmark = pytest.mark.django_db

NOV = Period.month(2026, 11)


def test_evidence_per_counsellor_and_code(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    found = practice.evidence(scope, practice.window(NOV, 6))
    alice, bob = found[personas["alice"].pk], found[personas["bob"].pk]
    assert alice["T1.2"].count == 1
    assert alice["P1.2.1"].count == 1
    assert alice["T3.4"].count == 2
    assert alice["T3.4"].last == datetime.date(2026, 11, 27)
    assert bob["T3.3"].count == 4  # assessment, consent, sending (10-22), outcome (11-05)
    assert bob["P3.3.3"].count == 2
    assert bob["P3.3.3"].last == datetime.date(2026, 11, 5)


def test_a_shorter_window_and_the_gaps(world, personas, offices):
    alice = personas["alice"]
    scope = ReportScope(alice, offices["a"], alice)
    one_month = practice.matrix(scope, practice.window(NOV, 1))
    [(who, missing)] = one_month["gaps"]
    assert who == alice
    assert "P1.2.1" in {i.code for i in missing}  # evidenced in October only
    assert "P3.4.1" not in {i.code for i in missing}
    six = practice.matrix(scope, practice.window(NOV, 6))
    indicators = [i for i in practice.items() if i.kind == "indicator"]
    assert len(six["gaps"][0][1]) == len(indicators) - 3  # P1.2.1, P1.2.2, P3.4.1


def test_cell_records_equal_the_count(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    period = practice.window(NOV, 6)
    records = practice.cell_activities(scope, period, personas["bob"], "P3.3.3")
    assert len(records) == 2
    assert all("P3.3.3" in a.indicator_codes for a in records)


def test_practice_pages(world, client_for, personas):
    client = client_for(personas["alice"])
    page = client.get("/reports/practice/?month=2026-11&months=6").content.decode()
    assert 'data-testid="cell-T3.4-alice"' in page
    assert "Bob" not in page  # a counsellor sees their own practice only
    records = client.get("/reports/practice/records/?month=2026-11&months=6&code=T3.4")
    assert 'data-testid="row-count">2<' in records.content.decode()
    assert client.get("/reports/practice/records/?code=T3.4&counsellor=bob").status_code == 404
    assert client.get("/reports/practice/records/?code=X9").status_code == 404
    sam = client_for(personas["sam"])
    page = sam.get("/reports/practice/?month=2026-11").content.decode()
    assert 'data-testid="cell-T3.3-bob"' in page
    assert sam.get("/reports/practice/export/xlsx/?month=2026-11").status_code == 200
