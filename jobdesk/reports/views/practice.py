"""Practice against BHR3333-004v2 per counsellor: the matrix, the gaps, the records behind."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime

from jobdesk.reports import aggregates, exports, freshness
from jobdesk.reports import practice as report
from jobdesk.reports.periods import Period, local_date
from jobdesk.reports.rowsets import Row
from jobdesk.reports.scope import ReportScope, scope_for
from jobdesk.reports.views.base import check_format, filter_context, log_rows, query

DEFINITION = [
    "practice",
    "職能實踐（服務紀錄佐證之工作任務與行為指標）",
    "就業服務員於期間內所記錄之服務紀錄，依其標註之工作任務（T）及行為指標（P）計次，並列最近日期。",
    "就業服務人員職能基準 BHR3333-004v2（勞動部勞動力發展署 iCAP，2018-12-21）",
    "是",
    "僅計服務紀錄（cases 服務紀錄）；需求表、計畫等其他工作產出未計入。",
]


def _params(request: HttpRequest) -> tuple[ReportScope, Period, Period, int]:
    scope = scope_for(request.user, request.GET)
    month = Period.parse_month(request.GET.get("month"))
    try:
        months = int(request.GET.get("months", report.DEFAULT_WINDOW))
    except ValueError:
        months = report.DEFAULT_WINDOW
    if months not in report.WINDOW_CHOICES:
        months = report.DEFAULT_WINDOW
    return scope, month, report.window(month, months), months


def _context(request: HttpRequest) -> dict[str, Any]:
    scope, month, period, months = _params(request)
    return filter_context(scope, month) | {
        "window": period,
        "months": months,
        "window_choices": report.WINDOW_CHOICES,
        "scope_query": query(scope, month, months=months),
    }


def _matrix_html(data: dict[str, Any], scope_query: str) -> tuple[SafeString, SafeString]:
    """The matrix's rows and the gaps as HTML, made here rather than in the template: at a
    branch (500 counsellors × 35 items) the template language took seconds for what string
    building does in milliseconds. Every text is escaped; the markup is the template's."""
    base = escape(reverse("reports:practice_records")) + "?" + escape(scope_query)
    people = [(escape(c.username), escape(str(c))) for c in data["counsellors"]]
    out: list[str] = []
    for item, cells in data["rows"]:
        code = escape(item.code)
        head = (
            f"<strong>{code}</strong>"
            if item.kind == "task"
            else f'<span class="code">{code}</span>'
        )
        title = escape(Truncator(item.title).chars(40))
        task = ' class="task-row"' if item.kind == "task" else ""
        out.append(f'<tr{task}><th scope="row">{head} {title}</th>')
        for (username, _name), (_c, e) in zip(people, cells, strict=True):
            testid = f'data-testid="cell-{code}-{username}"'
            if e.count:
                last = f"{e.last:%Y-%m-%d}" if e.last else ""
                out.append(
                    f'<td class="cell" {testid}><a href="{base}&amp;code={code}&amp;'
                    f'counsellor={username}">{e.count}</a><br>'
                    f'<span class="muted">{last}</span></td>'
                )
            else:
                out.append(f'<td class="cell none" {testid}>0</td>')
        out.append("</tr>")
    rows = "".join(out)
    out = []
    for (_username, name), (_c, missing) in zip(people, data["gaps"], strict=True):
        out.append(f"<h3>{name}</h3>")
        if missing:
            items = "".join(
                f'<li><span class="code">{escape(i.code)}</span>{escape(i.title)}</li>'
                for i in missing
            )
            out.append(f'<ul class="indicators">{items}</ul>')
        else:
            out.append("<p>每一項行為指標都有佐證。</p>")
    return mark_safe(rows), mark_safe("".join(out))  # noqa: S308 - every text above is escaped


@login_required
def practice(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    found, as_of, running_at = aggregates.practice_evidence(context["scope"], context["window"])
    context |= report.matrix(context["scope"], context["window"], found)
    context["figures_as_of"] = as_of
    context["running_as_of"] = running_at
    context["matrix_rows"], context["gaps_html"] = _matrix_html(context, context["scope_query"])
    return render(request, "reports/practice.html", context)


@login_required
def practice_records(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    scope: ReportScope = context["scope"]
    code = request.GET.get("code", "")
    item = next((i for i in report.items() if i.code == code), None)
    if item is None or scope.counsellor is None:
        raise Http404
    records = report.cell_activities(scope, context["window"], scope.counsellor, code)
    rows = [
        Row(
            [
                f"{a.case.seeker.name}（{a.case.seeker.national_id_masked}）",
                local_date(a.occurred_at),
                a.get_kind_display(),
                a.task_code,
                "、".join(a.indicator_codes),
                a.notes[:80],
            ],
            reverse("cases:case_detail", args=[a.case.public_id]),
            a.case.seeker,
        )
        for a in records
    ]
    log_rows(request.user, rows, what=f"職能實踐明細：{code}")
    return render(
        request,
        "reports/practice_records.html",
        context
        | {
            "item": item,
            "headers": ["求職者", "服務日期", "方式", "工作任務", "行為指標", "紀錄摘要"],
            "rows": rows,
        },
    )


@login_required
def practice_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The matrix (counts and dates, no personal data: not access-logged)."""
    check_format(fmt)
    context = _context(request)
    found, as_of, running_at = aggregates.practice_evidence(context["scope"], context["window"])
    data = report.matrix(context["scope"], context["window"], found)
    headers = ["代碼", "類別", "內容"]
    for c in data["counsellors"]:
        headers += [f"{c} 次數", f"{c} 最近日期"]
    rows: list[list[Any]] = []
    for item, cells in data["rows"]:
        row: list[Any] = [item.code, "工作任務" if item.kind == "task" else "行為指標", item.title]
        for _counsellor, e in cells:
            row += [e.count, e.last or ""]
        rows.append(row)
    gaps = [f"{c}：{'、'.join(i.code for i in missing) or '無缺口'}" for c, missing in data["gaps"]]
    sheet = exports.Sheet(
        title="職能實踐對照 BHR3333-004v2",
        period=context["window"].label,
        office=context["scope"].label,
        headers=headers,
        rows=rows,
        definitions=[DEFINITION],
        notes=[
            *([f"已結束月份為 {localtime(as_of):%Y-%m-%d %H:%M} 彙整之結果"] if as_of else []),
            *([freshness.running_note(running_at)] if running_at else []),
            *(f"期間內無佐證之行為指標（缺口）— {g}" for g in gaps),
        ],
    )
    return exports.response(sheet, fmt, f"practice-{context['scope'].office.code}")
