"""Staff workload against the Ministry's monthly baseline, per counsellor, and the rows behind."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from jobdesk.reports import aggregates, exports, freshness
from jobdesk.reports import workload as registry
from jobdesk.reports.models import WorkloadBaseline
from jobdesk.reports.views.base import check_format, filter_context, log_rows, scope_and_month


def _definitions(period: Any) -> list[list[Any]]:
    baselines = WorkloadBaseline.in_force(period.start)
    out = []
    for m in registry.MEASURES:
        b = baselines.get(m.key)
        source = f"{b.source}（{b.valid_from} 起，每人每月 {b.monthly_per_staff}）" if b else "—"
        out.append([m.key, m.name, m.definition, source, "否（待確認）", b.note if b else ""])
    return out


def _table_html(table: list[tuple[Any, list[Any]]], scope: Any, period: Any) -> SafeString:
    """The table's rows as HTML, made here rather than in the template (500 counsellors at a
    branch: one URL reversed per measure, not per cell). Every text is escaped."""
    links = {
        m.key: escape(reverse("reports:workload_rows", args=[m.key])) for m in registry.MEASURES
    }
    office, month = escape(scope.office.code), escape(period.key)
    out: list[str] = []
    for counsellor, cells in table:
        username = escape(counsellor.username)
        where = escape(counsellor.office.name) if counsellor.office else ""
        out.append(
            f'<tr data-testid="workload-{username}"><th scope="row">{escape(str(counsellor))} '
            f'<span class="muted">{where}</span></th>'
        )
        for c in cells:
            href = (
                f"{links[c.measure.key]}?office={office}&amp;counsellor={username}"
                f"&amp;month={month}"
            )
            extra = ""
            if c.baseline:
                mark = "over" if c.meets else "under"
                extra = (
                    f' / {c.baseline.monthly_per_staff}<br><span class="{mark}">{c.percent}%</span>'
                )
            out.append(f'<td class="num"><a href="{href}">{c.count}</a>{extra}</td>')
        out.append("</tr>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


@login_required
def workload(request: HttpRequest) -> HttpResponse:
    scope, period = scope_and_month(request)
    counts, as_of = aggregates.workload_counts(scope, period)
    final_at, running_at = freshness.split(period, as_of)
    table = registry.workload(scope, period, counts)
    return render(
        request,
        "reports/workload.html",
        filter_context(scope, period)
        | {
            "table": table,
            "table_rows": _table_html(table, scope, period),
            "figures_as_of": final_at,
            "running_as_of": running_at,
            "measures": registry.MEASURES,
            "baselines": WorkloadBaseline.in_force(period.start),
        },
    )


@login_required
def workload_rows(request: HttpRequest, measure: str) -> HttpResponse:
    scope, period = scope_and_month(request)
    found = registry.BY_KEY.get(measure)
    if found is None or scope.counsellor is None:
        raise Http404
    headers, rows = registry.measure_rows(found, scope, period, scope.counsellor)
    log_rows(request.user, rows, what=f"工作量明細：{found.name}")
    return render(
        request,
        "reports/workload_rows.html",
        filter_context(scope, period) | {"measure": found, "headers": headers, "rows": rows},
    )


def _notes(period: Any, as_of: Any) -> list[str]:
    final_at, running_at = freshness.split(period, as_of)
    if running_at is not None:
        return [freshness.running_note(running_at)]
    return [f"本月份數字為 {localtime(final_at):%Y-%m-%d %H:%M} 彙整之結果"] if final_at else []


@login_required
def workload_export(request: HttpRequest, fmt: str) -> HttpResponse:
    check_format(fmt)
    scope, period = scope_and_month(request)
    counts, as_of = aggregates.workload_counts(scope, period)
    rows: list[list[Any]] = []
    for counsellor, cells in registry.workload(scope, period, counts):
        row: list[Any] = [str(counsellor), counsellor.office.name if counsellor.office else ""]
        for cell in cells:
            row += [
                cell.count,
                cell.baseline.monthly_per_staff if cell.baseline else "",
                cell.percent,
            ]
        rows.append(row)
    headers = ["就業服務員", "據點"]
    for m in registry.MEASURES:
        headers += [m.name, f"{m.name}基準", f"{m.name}達成率（%）"]
    sheet = exports.Sheet(
        title="就業服務員工作量與每人每月基準",
        period=period.label,
        office=scope.label,
        headers=headers,
        rows=rows,
        definitions=_definitions(period),
        notes=_notes(period, as_of),
    )
    return exports.response(sheet, fmt, f"workload-{scope.office.code}-{period.key}")
