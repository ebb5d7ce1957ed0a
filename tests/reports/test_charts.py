"""Server-rendered SVG charts: well-formed, escaped, values placed, a table beside each."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from jobdesk.reports.charts import line_chart, nice_max

SVG = "{http://www.w3.org/2000/svg}"


def test_nice_max():
    assert nice_max(0) == 1
    assert nice_max(7) == 10
    assert nice_max(130) == 200
    assert nice_max(24) == 25


def test_chart_is_well_formed_and_accessible():
    svg = line_chart(
        "推介<件數>",
        ["26/10", "26/11"],
        [("推介 & 就業", [4, 0]), ("空", [None, 2])],
        chart_id="c1",
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "推介<件數>"
    desc = root.find(f"{SVG}desc").text or ""
    assert "推介 & 就業：26/10 4、26/11 0" in desc
    assert "無資料" in desc
    # one polyline for the full series, none for a single point, a marker per value
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert len(root.findall(f"{SVG}circle")) + len(root.findall(f"{SVG}rect")) >= 3


def test_the_highest_value_sits_at_the_top_of_a_round_axis():
    svg = line_chart("t", ["a", "b"], [("s", [0, 10])])
    root = ET.fromstring(svg)  # noqa: S314
    points = root.find(f"{SVG}polyline").get("points").split()
    (_x0, y0), (_x1, y1) = (map(float, p.split(",")) for p in points)
    assert y1 < y0
    assert y1 == pytest.approx(16)  # TOP: 10 is the axis maximum


@pytest.mark.django_db
def test_trends_page_shows_charts_and_tables(world, client_for, personas):
    page = client_for(personas["sam"]).get("/reports/trends/?month=2026-11").content.decode()
    assert page.count("<svg") == 3
    assert 'data-testid="chart-counts"' in page
    assert "2026 年 10 月" in page  # the table fallback
    assert "https://" not in page.split("<svg")[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_report_cells_that_could_run_as_formulas_are_plain_text():
    from jobdesk.reports.exports import cell_value

    assert cell_value('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell_value("+886") == "'+886"
    assert cell_value("@SUM(A1)") == "'@SUM(A1)"
    assert cell_value(-3) == -3  # a number stays a number
    assert cell_value("一般文字") == "一般文字"
