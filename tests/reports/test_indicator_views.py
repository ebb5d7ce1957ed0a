"""The indicator pages: every indicator with its definition, drill-downs, files, scope."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from jobdesk.audit.models import AccessEvent
from jobdesk.reports import indicators as registry

pytestmark = pytest.mark.django_db


def test_supervisor_sees_every_indicator_with_its_definition(world, client_for, personas):
    # when
    response = client_for(personas["sam"]).get("/reports/indicators/?month=2026-10")
    # then
    assert response.status_code == 200
    text = response.content.decode()
    for indicator in registry.INDICATORS:
        assert f'data-testid="indicator-{indicator.key}"' in text
        assert indicator.definition in text
    assert "待確認" in text
    assert "2026 年 10 月" in text


def test_drill_down_lists_the_rows_behind_the_number(world, client_for, personas):
    client = client_for(personas["sam"])
    response = client.get("/reports/indicators/new_seekers/?month=2026-10")
    text = response.content.decode()
    assert 'data-testid="row-count">2<' in text
    assert "二號" in text
    assert "三號" in text
    assert "四號" not in text
    assert "一號" not in text
    # the reads of the listed job seekers are logged
    logged = AccessEvent.objects.filter(actor=personas["sam"], what__contains="新登記求職人數")
    assert logged.count() == 2


def test_a_long_drill_down_is_paged_with_the_whole_count(world, client_for, personas, monkeypatch):
    # given: one row a page
    monkeypatch.setattr("jobdesk.reports.views.indicators.ROWS_PER_PAGE", 1)
    client = client_for(personas["sam"])
    # when
    first = client.get("/reports/indicators/new_seekers/?month=2026-10").content.decode()
    second = client.get("/reports/indicators/new_seekers/?month=2026-10&page=2").content.decode()
    # then: the count is the month's, each page shows one of the two, and each read is logged
    assert 'data-testid="row-count">2<' in first
    assert 'data-testid="row-count">2<' in second
    assert ("二號" in first) != ("二號" in second)
    assert ("三號" in first) != ("三號" in second)
    assert "第 1 / 2 頁" in first
    logged = AccessEvent.objects.filter(actor=personas["sam"], what__contains="新登記求職人數")
    assert logged.count() == 2  # one per page shown, not the whole list on each page
    # the file holds every row
    file = client.get("/reports/indicators/new_seekers/export/csv/?month=2026-10").content.decode(
        "utf-8-sig"
    )
    assert "二號" in file
    assert "三號" in file


def test_drill_down_of_one_reason(world, client_for, personas):
    client = client_for(personas["sam"])
    response = client.get("/reports/indicators/not_placed_reasons/?month=2026-10&group=skills")
    assert 'data-testid="row-count">1<' in response.content.decode()
    assert (
        client.get("/reports/indicators/not_placed_reasons/?month=2026-10&group=bogus").status_code
        == 404
    )


def test_ratio_page_links_numerator_and_denominator(world, client_for, personas):
    response = client_for(personas["sam"]).get(
        "/reports/indicators/seeker_placement_rate/?month=2026-10"
    )
    text = response.content.decode()
    assert 'data-testid="ratio-value">50.00<' in text
    assert "/reports/indicators/placed_seekers/" in text
    assert "/reports/indicators/new_seekers/" in text


def test_excel_has_header_period_office_and_definitions(world, client_for, personas):
    response = client_for(personas["sam"]).get(
        "/reports/indicators/export/xlsx/?month=2026-10&office=NB-SC"
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["報表"]
    meta = {row[0]: row[1] for row in sheet.iter_rows(min_row=1, max_row=4, values_only=True)}
    assert meta["期間"] == "2026 年 10 月"
    assert meta["據點"] == "三重就業中心"
    values = {row[1]: row[3] for row in sheet.iter_rows(values_only=True) if row and row[1]}
    assert values["new_seekers"] == "2"
    assert values["seeker_placement_rate"] == "50.00"
    keys = {row[0] for row in book["定義"].iter_rows(min_row=2, values_only=True)}
    assert keys == {i.key for i in registry.INDICATORS}


def test_drill_down_csv_lists_the_same_rows_and_is_logged(world, client_for, personas):
    client = client_for(personas["sam"])
    response = client.get("/reports/indicators/recommendations/export/csv/?month=2026-10")
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = lines.index(
        ["求職者", "職缺", "雇主", "推介日", "狀態", "未錄取原因", "報到日", "推介人員", "據點"]
    )
    after = lines[header + 1 :]
    rows = after[: after.index([])]  # the definitions follow a blank line
    assert len(rows) == 4
    assert AccessEvent.objects.filter(action="export", actor=personas["sam"]).count() == 3


def test_a_counsellor_sees_only_their_own_figures(world, client_for, personas):
    client = client_for(personas["alice"])
    response = client.get("/reports/indicators/new_seekers/?month=2026-10")
    text = response.content.decode()
    assert "二號" in text
    assert "三號" not in text
    assert client.get("/reports/indicators/?counsellor=bob").status_code == 404
    assert client.get("/reports/indicators/?office=NB").status_code == 404


def test_outside_the_subtree_is_404(world, client_for, personas):
    client = client_for(personas["sam"])
    assert client.get("/reports/indicators/?office=CT-TC").status_code == 404
    assert client.get("/reports/indicators/?office=NB").status_code == 404  # above sam
    assert client.get("/reports/indicators/?counsellor=charlie").status_code == 404
    assert client.get("/reports/indicators/?office=NB-SC-LZ").status_code == 200  # his desk
    assert client.get("/reports/indicators/no_such_key/").status_code == 404
    assert client.get("/reports/indicators/export/pdf/").status_code == 404


def test_other_roles_are_refused(world, client_for, personas):
    assert client_for(personas["oscar"]).get("/reports/indicators/").status_code == 403
    assert client_for(personas["audrey"]).get("/reports/indicators/").status_code == 403


def test_office_figures_are_not_applicable_to_a_counsellor(world, client_for, personas):
    client = client_for(personas["alice"])
    page = client.get("/reports/indicators/?month=2026-10").content.decode()
    assert '<span data-testid="value-new_vacancy_people">不適用</span>' in page
    assert client.get("/reports/indicators/new_vacancy_people/").status_code == 404
