"""The official indicators of an office (or a counsellor) for a month, and the rows behind each."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import localtime

from jobdesk.referrals.models import ReferralResource
from jobdesk.reports import exports, figures, freshness, rowsets
from jobdesk.reports import indicators as registry
from jobdesk.reports.indicators import GROUPS, RATIO, Indicator
from jobdesk.reports.views.base import (
    check_format,
    filter_context,
    log_rows,
    query,
    scope_and_month,
)

ROWS_PER_PAGE = 100  # a drill-down page; the count beside it is the whole period's


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope, period = scope_and_month(request)
    return render(request, "reports/index.html", filter_context(scope, period))


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    scope, period = scope_and_month(request)
    values, as_of = figures.month_values(scope, period)
    final_at, running_at = freshness.split(period, as_of)
    sections = [
        (section, [v for v in values if v.indicator.section == section])
        for section in registry.SECTIONS
    ]
    return render(
        request,
        "reports/indicators.html",
        filter_context(scope, period)
        | {
            "sections": sections,
            "figures_as_of": final_at,
            "running_as_of": running_at,
            "by_resource": registry.referrals_by_resource(scope, period),
            "unconfirmed": [i for i in registry.INDICATORS if not i.confirmed],
            "query_of": lambda **extra: query(scope, period, **extra),
        },
    )


def _indicator(key: str) -> Indicator:
    indicator = registry.get(key)
    if indicator is None:
        raise Http404
    return indicator


def _group(request: HttpRequest, indicator: Indicator) -> str | None:
    if indicator.kind != GROUPS or "group" not in request.GET:
        return None
    group = request.GET["group"]
    if group not in {code for code, _label in indicator.groups}:
        raise Http404
    return group


class _Pages(Paginator):  # type: ignore[type-arg]
    """A paginator whose last page runs to the end of the rows (its count may be a stored
    figure's, a few rows behind the rows as they are now)."""

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        if number < self.num_pages:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list[bottom:], number, self)


def _figure(indicator: Indicator, scope: Any, period: Any) -> tuple[registry.Value, Any]:
    """The figure beside the rows: the stored one of an ended month (and when it was
    computed), else counted now (the running month too: its rows are listed live)."""
    found = figures.stored(scope, period, final_only=True)
    if found is not None:
        for value in found[0]:
            if value.indicator.key == indicator.key:
                return value, found[1]
    return registry.evaluate(indicator, scope, period), None


def _drill(request: HttpRequest, key: str, *, paged: bool = True) -> dict[str, Any]:
    """The rows behind one figure; on the page ``ROWS_PER_PAGE`` at a time (the count beside
    them is the whole period's), in the files all of them."""
    scope, period = scope_and_month(request)
    indicator = _indicator(key)
    context = filter_context(scope, period) | {"indicator": indicator}
    if indicator.kind == RATIO:
        parts = [registry.BY_KEY[indicator.numerator], registry.BY_KEY[indicator.denominator]]
        values = [registry.evaluate(p, scope, period) for p in parts]
        return context | {
            "ratio": registry.evaluate(indicator, scope, period),
            "parts": values,
        }
    if not registry.applies(indicator, scope):
        raise Http404
    group = _group(request, indicator)
    queryset = registry.rows_of(indicator, scope, period, group)
    resource = None
    if indicator.key == "referral_outcomes" and request.GET.get("resource"):
        wanted = request.GET["resource"]
        resource = ReferralResource.objects.filter(pk=wanted).first() if wanted.isdigit() else None
        if resource is None:
            raise Http404
        queryset = queryset.filter(resource=resource)
    value, as_of = _figure(indicator, scope, period)
    page = None
    shown: QuerySet[Any] = queryset
    if paged:
        paginator = _Pages(queryset, ROWS_PER_PAGE)
        if group is None and resource is None and value.rows is not None:
            # the figure counted these very rows (rows_of): no second count. For an ended
            # month it is the stored figure (as of ``as_of``): the last page then lists every
            # row to the end, so a row entered since is never out of reach.
            paginator.__dict__["count"] = value.rows
        page = paginator.get_page(request.GET.get("page"))
        shown = page.object_list  # type: ignore[assignment]
    headers, rows = rowsets.table(indicator.row_kind, shown, request.user)
    labels = dict(indicator.groups)
    total = page.paginator.count if page is not None else len(rows)
    return context | {
        "headers": headers,
        "rows": rows,
        "page": page,
        "row_count": total,
        "group": group,
        "group_label": labels.get(group, "") if group is not None else "",
        "resource": resource,
        "value": value,
        "figures_as_of": as_of,
        "sum_total": (
            queryset.aggregate(total=Sum(indicator.sum_field))["total"] or 0
            if indicator.sum_field
            else None
        ),
        "export_query": query(
            scope, period, group=group, resource=resource.pk if resource else None
        ),
    }


@login_required
def indicator_rows(request: HttpRequest, key: str) -> HttpResponse:
    context = _drill(request, key)
    if "rows" in context:
        log_rows(request.user, context["rows"], what=f"報表明細：{context['indicator'].name}")
    return render(request, "reports/indicator_rows.html", context)


@login_required
def indicator_rows_export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    check_format(fmt)
    context = _drill(request, key, paged=False)
    if "rows" not in context:
        raise Http404  # a ratio has no rows of its own: export its numerator and denominator
    indicator: Indicator = context["indicator"]
    rows = context["rows"]
    log_rows(request.user, rows, what=f"匯出報表明細：{indicator.name}", export=True)
    title = indicator.name + (f"：{context['group_label']}" if context["group"] is not None else "")
    sheet = exports.Sheet(
        title=f"{title}（明細）",
        period=context["period"].label,
        office=context["scope"].label,
        headers=context["headers"],
        rows=[r.cells for r in rows],
        definitions=exports.definition_rows([indicator]),
        notes=[f"筆數：{context['row_count']}"],
    )
    return exports.response(sheet, fmt, f"{indicator.key}-{context['period'].key}")


@login_required
def indicator_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every figure of the month (no personal data: not access-logged)."""
    check_format(fmt)
    scope, period = scope_and_month(request)
    rows: list[list[Any]] = []
    values, as_of = figures.month_values(scope, period)
    final_at, running_at = freshness.split(period, as_of)
    for value in values:
        i = value.indicator
        rows.append([i.section, i.key, i.name, value.display, i.unit, value.rows])
        for code, label, count in value.groups:
            rows.append([i.section, f"{i.key}:{code}", f"　{label}", count, i.unit, count])
    for r in registry.referrals_by_resource(scope, period):
        rows.append(
            [
                "轉介",
                f"resource:{r['resource'].code}",
                f"　{r['resource'].name}",
                r["total"],
                "件",
                r["total"],
            ]
        )
    sheet = exports.Sheet(
        title="公立就業服務統計指標",
        period=period.label,
        office=scope.label,
        headers=["類別", "代碼", "指標", "數值", "單位", "明細筆數"],
        rows=rows,
        definitions=exports.definition_rows(registry.INDICATORS),
        notes=[
            *(
                [f"已結束月份的數字為 {localtime(final_at):%Y-%m-%d %H:%M} 彙整之結果"]
                if final_at
                else []
            ),
            *([freshness.running_note(running_at)] if running_at else []),
            "「官方公式已確認」為「否」者，計算方式見定義工作表之說明。",
        ],
    )
    return exports.response(sheet, fmt, f"indicators-{scope.office.code}-{period.key}")
