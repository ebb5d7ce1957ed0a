"""Closure reports (P3.4.2): the list, the A4 print and the Excel/CSV files; every read logged."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobdesk.accounts.current import acting_user
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_accesses
from jobdesk.reports import closures as report
from jobdesk.reports import exports
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope, scope_for
from jobdesk.reports.views.base import check_format, filter_context, log_rows, query

DEFINITIONS = [
    [
        "closures",
        "結案報告（P3.4.2 彙整結案報告）",
        "期間內經督導核定結案之個案（依核定時間，臺北時間），含結案原因、服務成效、改善策略與承辦人員。",
        "就業服務人員職能基準 BHR3333-004v2 T3.4（O3.4.1 結案紀錄、P3.4.2）",
        "是",
        "重新開案之個案仍列於其結案期間，並於備註註明。",
    ]
]


def _scope_and_period(request: HttpRequest) -> tuple[ReportScope, Period]:
    scope = scope_for(request.user, request.GET)
    period = Period.parse_days(request.GET.get("from"), request.GET.get("to"))
    return scope, period or Period.parse_month(request.GET.get("month"))


def _context(request: HttpRequest) -> dict[str, Any]:
    scope, period = _scope_and_period(request)
    queryset = report.closures(scope, period)
    rows = report.rows(queryset)
    extra = {} if period.is_month else {"from": period.start, "to": period.last}
    return filter_context(scope, period) | {
        "rows": rows,
        "headers": report.HEADERS,
        "by_reason": report.by_reason(queryset),
        "from_value": "" if period.is_month else period.start.isoformat(),
        "to_value": "" if period.is_month else period.last.isoformat(),
        "period_query": query(scope, period, **extra),
    }


@login_required
def closure_report(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    log_rows(request.user, context["rows"], what="結案報告（P3.4.2）")
    return render(request, "reports/closures.html", context)


@login_required
def closure_report_print(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    rows = context["rows"]
    seekers = {r.seeker.pk: r.seeker for r in rows if r.seeker is not None}
    record_accesses(
        actor=acting_user(request),
        subjects=[(s, None) for s in seekers.values()],
        action=AccessAction.PRINT,
        what="列印結案報告（P3.4.2）",
    )
    return render(request, "reports/closures_print.html", context)


@login_required
def closure_report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    check_format(fmt)
    context = _context(request)
    log_rows(request.user, context["rows"], what="匯出結案報告（P3.4.2）", export=True)
    period, scope = context["period"], context["scope"]
    sheet = exports.Sheet(
        title="結案報告（P3.4.2）",
        period=period.label,
        office=scope.label,
        headers=report.HEADERS,
        rows=[r.cells for r in context["rows"]],
        definitions=DEFINITIONS,
        notes=[f"結案件數：{len(context['rows'])}"]
        + [f"{reason}：{count}" for reason, count in context["by_reason"]],
    )
    return exports.response(sheet, fmt, f"closures-{scope.office.code}-{period.key}")
