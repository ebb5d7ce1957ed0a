"""Trends per month (office or counsellor): server-rendered SVG charts with table fallbacks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from jobdesk.reports import charts, exports, figures, freshness
from jobdesk.reports import indicators as registry
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope
from jobdesk.reports.views.base import check_format, filter_context, scope_and_month

MONTHS = 12
CHARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "counts",
        "求職、求才與推介就業（人）",
        ("new_seekers", "new_vacancy_people", "placed_seekers"),
    ),
    ("recommendations", "推介件數", ("recommendations", "recommendations_started")),
    (
        "rates",
        "求職就業率、求才利用率、推介就業率（%）",
        ("seeker_placement_rate", "vacancy_utilisation_rate", "recommendation_placement_rate"),
    ),
)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int) else None


def trend_table(
    scope: ReportScope, month: Period
) -> tuple[list[Period], dict[str, list[Any]], Any, Any]:
    """Each charted indicator's value for the ``MONTHS`` months ending with ``month``, when the
    oldest stored ended month among them was computed and when the running month's snapshot
    read was (None: none of them)."""
    months = month.months_back(MONTHS)
    keys = {k for _slug, _title, ks in CHARTS for k in ks}
    found, as_of, running_at = figures.months_values(scope, months, keys)
    values = {k: [v if v.applicable else None for v in found[k]] for k in keys}
    return months, values, as_of, running_at


@login_required
def trends(request: HttpRequest) -> HttpResponse:
    scope, month = scope_and_month(request)
    months, values, as_of, running_at = trend_table(scope, month)
    labels = [f"{p.start:%y/%m}" for p in months]
    blocks = []
    for slug, title, keys in CHARTS:
        shown = [k for k in keys if all(v is not None for v in values[k])]
        if not shown:
            continue
        series = [(registry.BY_KEY[k].name, [_number(v.value) for v in values[k]]) for k in shown]
        unit = registry.BY_KEY[shown[0]].unit
        svg = charts.line_chart(title, labels, series, unit=unit, chart_id=f"chart-{slug}")
        blocks.append(
            {
                "slug": slug,
                "title": title,
                "svg": mark_safe(svg),  # noqa: S308 - built by charts.line_chart, every text escaped
                "indicators": [registry.BY_KEY[k] for k in shown],
                "rows": [(p, [values[k][i] for k in shown]) for i, p in enumerate(months)],
            }
        )
    return render(
        request,
        "reports/trends.html",
        filter_context(scope, month)
        | {
            "blocks": blocks,
            "months": MONTHS,
            "figures_as_of": as_of,
            "running_as_of": running_at,
        },
    )


@login_required
def trends_export(request: HttpRequest, fmt: str) -> HttpResponse:
    check_format(fmt)
    scope, month = scope_and_month(request)
    months, values, as_of, running_at = trend_table(scope, month)
    keys = [k for _slug, _title, ks in CHARTS for k in ks]
    rows = [
        [p.key] + [values[k][i].display if values[k][i] is not None else "不適用" for k in keys]
        for i, p in enumerate(months)
    ]
    sheet = exports.Sheet(
        title=f"逐月趨勢（近 {MONTHS} 個月）",
        period=f"{months[0].label} 至 {months[-1].label}",
        office=scope.label,
        headers=["月份"] + [registry.BY_KEY[k].name for k in keys],
        rows=rows,
        definitions=exports.definition_rows([registry.BY_KEY[k] for k in keys]),
        notes=[
            *([f"已結束月份為 {localtime(as_of):%Y-%m-%d %H:%M} 彙整之結果"] if as_of else []),
            *([freshness.running_note(running_at)] if running_at else []),
        ],
    )
    return exports.response(sheet, fmt, f"trends-{scope.office.code}-{month.key}")
