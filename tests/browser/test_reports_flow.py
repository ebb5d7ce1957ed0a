"""A supervisor opens the office's month, reads every indicator with its definition, clicks
through to the cases behind a number, exports Excel and prints the closure report."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from jobdesk.audit.models import AccessEvent
from jobdesk.reports import indicators as registry
from tests.browser.conftest import screenshot
from tests.reports.conftest import TAIPEI, Clock
from tests.reports.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reports_world(monkeypatch, personas, offices, reference_data, settings, tmp_path):
    """The hand-counted world of tests/reports/world.py; then the clock goes back to real time
    (the browser checks cookies against its own clock)."""
    settings.MEDIA_ROOT = tmp_path
    clock = Clock(monkeypatch)
    world = build_world(clock, personas, offices)
    clock.now = datetime.datetime.now(TAIPEI)
    return world


def test_supervisor_reads_the_month_drills_down_exports_and_prints(
    page, login, live_server, reports_world, personas
):
    # given: the hand-counted world
    login(personas["sam"])
    # when: the office's month from the menu
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="統計指標").first.click()
    page.get_by_label("月份").fill("2026-10")
    page.get_by_role("button", name="查詢").click()
    # then: every indicator, with its definition
    for indicator in registry.INDICATORS:
        row = page.get_by_test_id(f"indicator-{indicator.key}")
        assert indicator.definition in row.inner_text()
    assert page.get_by_test_id("value-new_seekers").inner_text() == "2"
    screenshot(page, "reports-indicators")
    # when: the number is clicked, the cases behind it are listed and open
    page.get_by_test_id("value-new_seekers").click()
    assert page.get_by_test_id("row-count").inner_text() == "2"
    rows = page.get_by_test_id("drill-rows").locator("tbody tr")
    assert rows.count() == 2
    rows.first.get_by_role("link").click()
    page.wait_for_url("**/cases/*/")
    assert "二號" in page.content()
    # when: the month is exported to Excel
    page.go_back()
    page.get_by_role("link", name="← 回統計指標").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="匯出 Excel").click()
    path = download_info.value.path()
    book = openpyxl.load_workbook(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    values = {r[1]: r[3] for r in book["報表"].iter_rows(values_only=True) if r and r[1]}
    assert values["new_seekers"] == "2"
    meta = {r[0]: r[1] for r in book["報表"].iter_rows(max_row=4, values_only=True)}
    assert meta["期間"] == "2026 年 10 月"
    assert meta["據點"] == "三重就業中心"
    assert {r[0] for r in book["定義"].iter_rows(min_row=2, values_only=True)} >= {
        "new_seekers",
        "seeker_placement_rate",
    }
    # the trends, drawn by the server (no script): three charts, each with its table
    page.goto(f"{live_server.url}/reports/trends/?month=2026-11")
    assert page.locator("svg.chart").count() == 3
    assert page.locator("svg.chart").first.bounding_box()["width"] > 300
    screenshot(page, "reports-trends")
    # when: the closure report of October is printed
    page.goto(f"{live_server.url}/reports/closures/?month=2026-10")
    assert page.get_by_test_id("closure-count").inner_text() == "1"
    page.get_by_role("link", name="列印 A4").click()
    page.wait_for_url("**/reports/closures/print/**")
    sheet = page.get_by_test_id("closure-print")
    assert "參加堆高機職訓" in sheet.inner_text()
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="列印").is_hidden()  # no buttons on paper
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    screenshot(page, "reports-closure-print")
    # then: the print of the seekers' data is in the access log
    assert AccessEvent.objects.filter(action="print", what__contains="結案報告").exists()


def test_counsellor_sees_own_practice_and_self_assessment_is_signed_off(
    page, login, live_server, reports_world, personas
):
    # given: alice's service records of the world
    login(personas["alice"])
    # when: she opens her practice against the standard
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="我的職能實踐").click()
    page.get_by_label("截至月份").fill("2026-11")
    page.get_by_role("button", name="查詢").click()
    # then: her own column only, with the records behind a cell
    assert page.get_by_test_id("cell-T3.4-alice").inner_text().startswith("2")
    assert page.get_by_test_id("cell-T3.3-bob").count() == 0
    page.get_by_test_id("cell-T3.4-alice").get_by_role("link").click()
    assert page.get_by_test_id("row-count").inner_text() == "2"
    # when: she fills a self-assessment and submits it
    page.goto(f"{live_server.url}/reports/competency/")
    page.get_by_role("button", name="新增職能自評").click()
    page.wait_for_url("**/reports/competency/*/")
    selects = page.locator("select[name^='self-']")
    for i in range(selects.count()):
        selects.nth(i).select_option("3")
    page.get_by_label("P3.4.1 自評說明").fill("每位就業者皆完成追蹤")
    page.get_by_role("button", name="送出自評").click()
    assert page.get_by_test_id("assessment-status").inner_text() == "待督導評核"
    url = page.url
    # when: the supervisor assesses every item and signs it off
    page.context.clear_cookies()
    login(personas["sam"])
    page.goto(url)
    assert "每位就業者皆完成追蹤" in page.content()
    selects = page.locator("select[name^='sup-']")
    for i in range(selects.count()):
        selects.nth(i).select_option("4")
    page.get_by_label("督導綜合意見").fill("追蹤確實，宜加強職能發展計畫")
    page.get_by_role("button", name="簽核").click()
    # then
    assert page.get_by_test_id("assessment-status").inner_text() == "已簽核"
    assert page.get_by_role("button", name="簽核").count() == 0
    screenshot(page, "reports-competency")
