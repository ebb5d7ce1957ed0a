"""Workload per counsellor and month against the Ministry's baseline (hand-counted world)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from jobdesk.reports.models import WorkloadBaseline
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope
from jobdesk.reports.workload import workload

pytestmark = pytest.mark.django_db

OCT, NOV = Period.month(2026, 10), Period.month(2026, 11)


def counts(scope, period):
    return {
        c.username: {cell.measure.key: cell.count for cell in cells}
        for c, cells in workload(scope, period)
    }


def test_the_2020_baseline_is_dated_data(db):
    baselines = WorkloadBaseline.in_force(datetime.date(2026, 10, 1))
    assert {k: b.monthly_per_staff for k, b in baselines.items()} == {
        "intake": 130,
        "matched": 25,
        "consultations": 150,
    }
    assert WorkloadBaseline.in_force(datetime.date(2019, 12, 1)) == {}


def test_a_later_baseline_replaces_the_earlier_from_its_date(db):
    WorkloadBaseline.objects.create(
        measure="matched",
        monthly_per_staff=30,
        valid_from=datetime.date(2026, 11, 1),
        source="test",
    )
    assert WorkloadBaseline.in_force(datetime.date(2026, 10, 1))["matched"].monthly_per_staff == 25
    assert WorkloadBaseline.in_force(datetime.date(2026, 11, 1))["matched"].monthly_per_staff == 30


def test_workload_per_counsellor(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    oct_counts = counts(scope, OCT)
    # alice opened S2 (00:30 on 10-01) and S4 (23:59 on 10-31); S1 was on 09-30 Taipei
    assert oct_counts["alice"] == {"intake": 2, "matched": 1, "consultations": 2}
    # bob opened S3 and recorded three referral steps
    assert oct_counts["bob"] == {"intake": 1, "matched": 0, "consultations": 3}
    assert counts(scope, NOV)["alice"] == {"intake": 1, "matched": 1, "consultations": 1}
    assert "ben" not in oct_counts  # centre B's counsellor


def test_percent_of_baseline(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"], personas["alice"])
    [(_alice, cells)] = workload(scope, OCT)
    matched = next(c for c in cells if c.measure.key == "matched")
    assert matched.percent == Decimal("4.0")  # 1 of 25
    assert matched.meets is False


def test_workload_pages(world, client_for, personas):
    client = client_for(personas["sam"])
    page = client.get("/reports/workload/?month=2026-10").content.decode()
    assert 'data-testid="workload-alice"' in page
    assert "130" in page
    rows = client.get("/reports/workload/consultations/?month=2026-10&counsellor=bob")
    assert 'data-testid="row-count">3<' in rows.content.decode()
    assert client.get("/reports/workload/consultations/?month=2026-10").status_code == 404
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/reports/workload/export/xlsx/?month=2026-10").content)
    )
    table = list(book["報表"].values)
    alice = next(r for r in table if r and r[0] == "Alice")
    assert alice[2:5] == (2, 130, 1.5)
    assert "定義" in book.sheetnames
