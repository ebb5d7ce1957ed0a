"""Closure reports (P3.4.2): the period of the approval in Taipei, the scope, print and files."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jobdesk.audit.models import AccessEvent
from jobdesk.reports import closures
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

pytestmark = pytest.mark.django_db


def test_closures_belong_to_the_taipei_day_of_approval(world, personas, offices):
    scope = ReportScope(personas["sam"], offices["a"])
    october = list(closures.closures(scope, Period.month(2026, 10)))
    assert [c.case_id for c in october] == [world["s3"].pk]
    assert list(closures.closures(scope, Period.month(2026, 11))) == []
    december = list(closures.closures(scope, Period.month(2026, 12)))
    assert [c.case_id for c in december] == [world["s5"].pk]
    # a range of days, inclusive
    days = Period.parse_days("2026-10-01", "2026-12-01")
    assert len(closures.closures(scope, days)) == 2


def test_a_counsellor_sees_own_closures_only(world, personas, offices):
    alice = personas["alice"]
    scope = ReportScope(alice, offices["a"], alice)
    assert list(closures.closures(scope, Period.parse_days("2026-10-01", "2026-12-31"))) == [
        world["closure_s5"]
    ]


def test_closure_report_page_print_and_excel(world, client_for, personas):
    client = client_for(personas["sam"])
    page = client.get("/reports/closures/?month=2026-10").content.decode()
    assert 'data-testid="closure-count">1<' in page
    assert "參加堆高機職訓" in page
    assert "提早提供職訓資訊" in page
    assert "參加職訓" in page  # the reason
    printed = client.get("/reports/closures/print/?month=2026-10")
    assert "data-print" in printed.content.decode()
    assert AccessEvent.objects.filter(action="print", what__contains="結案報告").count() == 1
    response = client.get("/reports/closures/export/xlsx/?from=2026-10-01&to=2026-12-31")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = list(book["報表"].values)
    assert ("期間", "2026-10-01 至 2026-12-31") in [v[:2] for v in values]
    assert sum(1 for v in values if v[0] and "號（" in str(v[0])) == 2
    assert "定義" in book.sheetnames
    assert AccessEvent.objects.filter(action="export", what__contains="結案報告").count() == 2
