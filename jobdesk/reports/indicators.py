"""The official indicators (公立就業服務 統計指標): ONE definition of each, in this registry.

Each ``Indicator`` names its key, its zh-Hant name, its definition as shown on the page, its
source, whether the Ministry's exact formula could be confirmed, and how it is computed: the
rows behind the number (``rows``: a queryset for a scope and a period), and the value made from
them (a count of the rows, a sum of one column, a median of days, a ratio of two other
indicators, or counts per group). The page, the drill-down, the trend chart, the Excel and CSV
files all read this registry, so a formula is written once.

Attribution (docs/reports.md): a figure counts the row that evidences it, at the office stored on
that row and for the member of staff named on it; dates are Asia/Taipei dates.
"""

from __future__ import annotations

import datetime
import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import TruncMonth

from jobdesk.cases.models import Case, FollowUp, Placement
from jobdesk.employers.models import Vacancy, VacancyStatus
from jobdesk.matching.models import NotHiredReason, Recommendation, RecommendationStatus
from jobdesk.referrals.models import Outcome, Referral
from jobdesk.reports.periods import Period, local_date, local_zone
from jobdesk.reports.scope import ReportScope

COUNT, SUM, RATIO, MEDIAN_DAYS, GROUPS = "count", "sum", "ratio", "median_days", "groups"
MOL_STATS = (
    "勞動部勞動力發展署「公立就業服務機構求職求才統計」名詞定義（勞動統計查詢網：就業服務統計）"
)
MOL_REASONS = (
    "勞動部勞動力發展署 各分署「就業市場分析報告」：求職者未能推介就業之原因、"
    "雇主提供求才機會未能補實之原因"
)
STANDARD_T34 = "就業服務人員職能基準 BHR3333-004v2 T3.4 就業成效追蹤（P3.4.1）"
STANDARD_T33 = "就業服務人員職能基準 BHR3333-004v2 T3.3 就業轉介（P3.3.3）"

RowsFn = Callable[[ReportScope, Period], QuerySet[Any]]


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    section: str
    definition: str
    source: str
    unit: str
    kind: str
    confirmed: bool
    caveat: str = ""
    rows: RowsFn | None = None
    row_kind: str = ""  # how the drill-down shows a row (reports.rowsets)
    sum_field: str = ""
    numerator: str = ""
    denominator: str = ""
    factor: int = 1
    group_field: str = ""
    groups: Sequence[tuple[str, str]] = field(default_factory=tuple)
    per_counsellor: bool = True  # False: a figure of the office only (vacancies)
    # the column whose (Asia/Taipei) date puts a row in a month, and whether it is a DateField
    date_field: str = ""
    date_only: bool = False
    # a 人數 figure: one row per person (their first row in the period)
    person: str = ""

    @property
    def has_rows(self) -> bool:
        return self.rows is not None


@dataclass(frozen=True)
class Value:
    """One indicator's figure for one scope and period."""

    indicator: Indicator
    value: Decimal | int | None  # None: not defined (a ratio over zero) or not applicable
    rows: int | None = None  # the number of rows behind it (the drill-down lists them)
    groups: list[tuple[str, str, int]] = field(default_factory=list)
    applicable: bool = True

    @property
    def display(self) -> str:
        if not self.applicable:
            return "不適用"
        if self.value is None:
            return "—"
        if isinstance(self.value, Decimal):
            return f"{self.value:,.2f}"
        return f"{self.value:,}"


def _between(name: str, period: Period, dates: bool = False) -> dict[str, Any]:
    if dates:
        return {f"{name}__gte": period.start, f"{name}__lt": period.end}
    start, end = period.bounds()
    return {f"{name}__gte": start, f"{name}__lt": end}


def _first_per(queryset: QuerySet[Any], person: str) -> QuerySet[Any]:
    """One row per person (their first row, the lowest id): the rows of a 人數 figure.

    Written as "no row of the same person with a lower id among the same rows" (NOT EXISTS), not
    as "id in (the lowest id per person)": a page in the figure's order is then cut from an index
    scan in that order (each row checked by the person's index), without grouping the period's
    rows first. The person column is never empty (a case's or a recommendation's seeker).
    """
    earlier = queryset.order_by().filter(**{person: OuterRef(person), "pk__lt": OuterRef("pk")})
    return queryset.filter(~Exists(earlier))


# --- the rows --------------------------------------------------------------------------------


def new_seeker_cases(scope: ReportScope, period: Period) -> QuerySet[Any]:
    cases = Case.objects.for_user(scope.user).filter(
        scope.q("office", "counsellor"), **_between("opened_at", period)
    )
    return cases.order_by("opened_at", "pk")


def new_vacancies(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return (
        Vacancy.objects.for_user(scope.user)
        .filter(scope.q("office"), **_between("created_at", period))
        .exclude(status=VacancyStatus.DRAFT)
        .order_by("created_at", "pk")
    )


def _started(scope: ReportScope, period: Period, office_field: str) -> QuerySet[Any]:
    return Recommendation.objects.for_user(scope.user).filter(
        scope.q(office_field, "counsellor"),
        status=RecommendationStatus.STARTED,
        **_between("start_date", period, dates=True),
    )


def placed_seekers(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return _started(scope, period, "office").order_by("start_date", "pk")


def vacancy_hires(scope: ReportScope, period: Period) -> QuerySet[Any]:
    # by the office that registered the vacancy; the recommendation itself is the seeker's office
    rows = Recommendation.objects.filter(
        scope.q("vacancy__office"),
        vacancy__in=Vacancy.objects.for_user(scope.user).values("pk"),
        status=RecommendationStatus.STARTED,
        **_between("start_date", period, dates=True),
    )
    return rows.order_by("start_date", "pk")


def recommendations_made(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return (
        Recommendation.objects.for_user(scope.user)
        .filter(scope.q("office", "counsellor"), **_between("recommended_at", period))
        .order_by("recommended_at", "pk")
    )


def recommendations_started(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return recommendations_made(scope, period).filter(status=RecommendationStatus.STARTED)


def not_hired_seeker_side(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return (
        Recommendation.objects.for_user(scope.user)
        .filter(
            scope.q("office", "counsellor"),
            status=RecommendationStatus.NOT_HIRED,
            **_between("replied_at", period),
        )
        .order_by("replied_at", "pk")
    )


def not_hired_vacancy_side(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return Recommendation.objects.filter(
        scope.q("vacancy__office"),
        vacancy__in=Vacancy.objects.for_user(scope.user).values("pk"),
        status=RecommendationStatus.NOT_HIRED,
        **_between("replied_at", period),
    ).order_by("replied_at", "pk")


def placements(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return (
        Placement.objects.for_user(scope.user)
        .filter(scope.q("office", "recorded_by"), **_between("start_date", period, dates=True))
        .select_related("case")
        .order_by("start_date", "pk")
    )


def _follow_ups(months: int, employed: bool) -> RowsFn:
    def rows(scope: ReportScope, period: Period) -> QuerySet[Any]:
        done = FollowUp.objects.for_user(scope.user).filter(
            scope.q("office", "recorded_by"),
            months_after=months,
            **_between("done_on", period, dates=True),
        )
        if employed:
            done = done.filter(still_employed=True)
        return done.order_by("done_on", "pk")

    return rows


def referrals_sent(scope: ReportScope, period: Period) -> QuerySet[Any]:
    return (
        Referral.objects.for_user(scope.user)
        .filter(scope.q("office", "counsellor"), **_between("sent_on", period, dates=True))
        .select_related("resource")
        .order_by("sent_on", "pk")
    )


# --- the registry ----------------------------------------------------------------------------

UNCONFIRMED_VALID = (
    "勞動部「有效」求職／求才係指登記有效期間內者；本系統未記錄登記有效期間，"
    "以統計期間內實際到職（報到）者計算，與官方數字可能不同。"
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "new_seekers",
        "新登記求職人數",
        "求職",
        "統計期間內開案（求職登記）的求職者人數；同一人於期間內多次開案只計一次。",
        MOL_STATS,
        "人",
        COUNT,
        confirmed=True,
        caveat="本系統以「開案」作為求職登記；僅登記而未開案者不計。",
        rows=new_seeker_cases,
        date_field="opened_at",
        person="seeker",
        row_kind="case",
    ),
    Indicator(
        "new_vacancy_people",
        "新登記求才人數",
        "求才",
        "統計期間內登記（非草稿）之職缺需求人數合計。",
        MOL_STATS,
        "人",
        SUM,
        confirmed=True,
        rows=new_vacancies,
        date_field="created_at",
        row_kind="vacancy",
        sum_field="headcount",
        per_counsellor=False,
    ),
    Indicator(
        "new_vacancy_registrations",
        "新登記求才人次（職缺筆數）",
        "求才",
        "統計期間內登記（非草稿）之職缺筆數，每筆登記計一次。",
        MOL_STATS,
        "筆",
        COUNT,
        confirmed=False,
        caveat="勞動部自 110 年起另列「人次」；其確切計算口徑未能確認，本系統暫以職缺登記筆數計。",
        rows=new_vacancies,
        date_field="created_at",
        row_kind="vacancy",
        per_counsellor=False,
    ),
    Indicator(
        "placed_seekers",
        "有效求職推介就業人數",
        "推介與就業",
        "經本據點推介、於統計期間內報到（到職）的求職者人數；同一人多次報到只計一次。",
        MOL_STATS,
        "人",
        COUNT,
        confirmed=False,
        caveat=UNCONFIRMED_VALID,
        rows=placed_seekers,
        date_field="start_date",
        date_only=True,
        person="seeker",
        row_kind="recommendation",
    ),
    Indicator(
        "vacancy_hires",
        "有效求才僱用人數",
        "推介與就業",
        "本據點登記之職缺，於統計期間內經推介報到（僱用）的人數（每筆報到計一人）。",
        MOL_STATS,
        "人",
        COUNT,
        confirmed=False,
        caveat=UNCONFIRMED_VALID,
        rows=vacancy_hires,
        date_field="start_date",
        date_only=True,
        row_kind="recommendation",
        per_counsellor=False,
    ),
    Indicator(
        "seeker_placement_rate",
        "求職就業率",
        "比率",
        "有效求職推介就業人數 ÷ 新登記求職人數 × 100%。",
        MOL_STATS,
        "%",
        RATIO,
        confirmed=True,
        caveat="公式依勞動部名詞定義；分子「有效」口徑見上。",
        numerator="placed_seekers",
        denominator="new_seekers",
        factor=100,
    ),
    Indicator(
        "vacancy_utilisation_rate",
        "求才利用率",
        "比率",
        "有效求才僱用人數 ÷ 新登記求才人數 × 100%。",
        MOL_STATS,
        "%",
        RATIO,
        confirmed=True,
        caveat="公式依勞動部名詞定義；分子「有效」口徑見上。",
        numerator="vacancy_hires",
        denominator="new_vacancy_people",
        factor=100,
        per_counsellor=False,
    ),
    Indicator(
        "demand_supply_ratio",
        "求供倍數",
        "比率",
        "新登記求才人數 ÷ 新登記求職人數（每位求職者有幾個工作機會）。",
        MOL_STATS,
        "倍",
        RATIO,
        confirmed=True,
        numerator="new_vacancy_people",
        denominator="new_seekers",
        per_counsellor=False,
    ),
    Indicator(
        "recommendations",
        "推介件數",
        "推介與就業",
        "統計期間內推介（經求職者同意）的件數。",
        MOL_STATS,
        "件",
        COUNT,
        confirmed=True,
        rows=recommendations_made,
        date_field="recommended_at",
        row_kind="recommendation",
    ),
    Indicator(
        "recommendations_started",
        "推介就業件數",
        "推介與就業",
        "統計期間內推介的件數中，至今已報到者。",
        MOL_STATS,
        "件",
        COUNT,
        confirmed=False,
        caveat="以推介月份為準追蹤至今；勞動部以回覆月份或推介月份計算未能確認。",
        rows=recommendations_started,
        date_field="recommended_at",
        row_kind="recommendation",
    ),
    Indicator(
        "recommendation_placement_rate",
        "推介就業率",
        "比率",
        "推介就業件數 ÷ 推介件數 × 100%。",
        MOL_STATS,
        "%",
        RATIO,
        confirmed=False,
        caveat="官方確切公式未能確認（件數或人數為基礎）；本系統以件數計。",
        numerator="recommendations_started",
        denominator="recommendations",
        factor=100,
    ),
    Indicator(
        "not_placed_reasons",
        "求職者未能推介就業之原因",
        "未能推介及未能補實之原因",
        "統計期間內雇主回覆「未錄取」的推介，依回覆原因分列（依求職者所屬據點）。",
        MOL_REASONS,
        "件",
        GROUPS,
        confirmed=False,
        caveat="官方原因分類較細；本系統依推介回覆所記錄之原因（技術不合、待遇不符…）分列。",
        rows=not_hired_seeker_side,
        date_field="replied_at",
        row_kind="recommendation",
        group_field="reply_reason",
        groups=tuple(NotHiredReason.choices),
    ),
    Indicator(
        "unfilled_reasons",
        "雇主提供求才機會未能補實之原因",
        "未能推介及未能補實之原因",
        "統計期間內雇主回覆「未錄取」的推介，依回覆原因分列（依職缺登記據點）。",
        MOL_REASONS,
        "件",
        GROUPS,
        confirmed=False,
        caveat="與上列同一筆回覆原因，改依職缺所屬據點計；官方由求才端另行調查，口徑未能確認。",
        rows=not_hired_vacancy_side,
        date_field="replied_at",
        row_kind="recommendation",
        group_field="reply_reason",
        groups=tuple(NotHiredReason.choices),
        per_counsellor=False,
    ),
    Indicator(
        "days_to_placement",
        "求職登記至就業天數（中位數）",
        "就業與穩定就業",
        "統計期間內到職的就業紀錄，自開案日至到職日的天數中位數（含推介及自行就業）。",
        "本系統定義（非勞動部統計指標）",
        "天",
        MEDIAN_DAYS,
        confirmed=True,
        rows=placements,
        date_field="start_date",
        date_only=True,
        row_kind="placement",
    ),
    *(
        item
        for months in (1, 3, 6)
        for item in (
            Indicator(
                f"follow_up_{months}m",
                f"到職後 {months} 個月追蹤完成數",
                "就業與穩定就業",
                f"統計期間內完成的到職後 {months} 個月就業追蹤筆數。",
                STANDARD_T34,
                "筆",
                COUNT,
                confirmed=True,
                rows=_follow_ups(months, employed=False),
                date_field="done_on",
                date_only=True,
                row_kind="follow_up",
            ),
            Indicator(
                f"employed_{months}m",
                f"到職後 {months} 個月仍在職數",
                "就業與穩定就業",
                "上列追蹤中，求職者仍在職者。",
                STANDARD_T34,
                "筆",
                COUNT,
                confirmed=True,
                rows=_follow_ups(months, employed=True),
                date_field="done_on",
                date_only=True,
                row_kind="follow_up",
            ),
            Indicator(
                f"retention_{months}m",
                f"到職後 {months} 個月穩定就業率",
                "就業與穩定就業",
                f"到職後 {months} 個月仍在職數 ÷ 到職後 {months} 個月追蹤完成數 × 100%。",
                STANDARD_T34,
                "%",
                RATIO,
                confirmed=False,
                caveat="本系統定義（依追蹤完成月份計）；未追蹤者不列入分母。",
                numerator=f"employed_{months}m",
                denominator=f"follow_up_{months}m",
                factor=100,
            ),
        )
    ),
    Indicator(
        "referral_outcomes",
        "轉介件數（依結果）",
        "轉介",
        "統計期間內送出的轉介，依轉介結果（完成、未成功、尚無結果）分列；各資源分列見下表。",
        STANDARD_T33,
        "件",
        GROUPS,
        confirmed=True,
        rows=referrals_sent,
        date_field="sent_on",
        date_only=True,
        row_kind="referral",
        group_field="outcome",
        groups=(*Outcome.choices, ("", "尚無結果")),
    ),
)

BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(i.section for i in INDICATORS))


def get(key: str) -> Indicator | None:
    return BY_KEY.get(key)


def applies(indicator: Indicator, scope: ReportScope) -> bool:
    if scope.counsellor is None or indicator.per_counsellor:
        return indicator.kind != RATIO or all(
            applies(BY_KEY[k], scope) for k in (indicator.numerator, indicator.denominator)
        )
    return False


def rows_of(
    indicator: Indicator, scope: ReportScope, period: Period, group: str | None = None
) -> QuerySet[Any]:
    """The rows behind ``indicator`` (of one group when ``group`` is given)."""
    if indicator.rows is None:
        raise ValueError(f"{indicator.key} is a ratio: read its numerator and denominator")
    queryset = indicator.rows(scope, period)
    if indicator.person:
        queryset = _first_per(queryset, indicator.person).order_by(*queryset.query.order_by)
    if group is not None and indicator.group_field:
        queryset = queryset.filter(**{indicator.group_field: group})
    return queryset


def days_to_start(placement: Placement) -> int:
    return (placement.start_date - local_date(placement.case.opened_at)).days


def _ratio(numerator: Any, denominator: Any, factor: int) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator) * factor / Decimal(denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def evaluate(
    indicator: Indicator,
    scope: ReportScope,
    period: Period,
    cache: dict[str, Value] | None = None,
) -> Value:
    """The figure of ``indicator``; ``cache`` shares parts between ratios of one page."""
    cache = {} if cache is None else cache
    if indicator.key in cache:
        return cache[indicator.key]
    if not applies(indicator, scope):
        result = Value(indicator, None, applicable=False)
    elif indicator.kind == RATIO:
        num = evaluate(BY_KEY[indicator.numerator], scope, period, cache).value
        den = evaluate(BY_KEY[indicator.denominator], scope, period, cache).value
        result = Value(indicator, _ratio(num or 0, den, indicator.factor))
    else:
        queryset = rows_of(indicator, scope, period)
        if indicator.kind == COUNT:
            count = queryset.count()
            result = Value(indicator, count, rows=count)
        elif indicator.kind == SUM:
            total = queryset.aggregate(total=Sum(indicator.sum_field))["total"] or 0
            result = Value(indicator, int(total), rows=queryset.count())
        elif indicator.kind == MEDIAN_DAYS:
            days = [days_to_start(p) for p in queryset]
            median = Decimal(str(statistics.median(days))) if days else None
            result = Value(
                indicator,
                median.quantize(Decimal("0.01")) if median is not None else None,
                rows=len(days),
            )
        else:  # GROUPS
            counts: dict[str, int] = {}
            for value in queryset.values_list(indicator.group_field, flat=True):
                counts[value or ""] = counts.get(value or "", 0) + 1
            groups = [(code, str(label), counts.get(code, 0)) for code, label in indicator.groups]
            total = sum(counts.values())
            result = Value(indicator, total, rows=total, groups=groups)
    cache[indicator.key] = result
    return result


def evaluate_months(
    indicator: Indicator,
    scope: ReportScope,
    months: Sequence[Period],
    cache: dict[str, list[Value]] | None = None,
) -> list[Value]:
    """``evaluate`` for each of ``months`` (consecutive calendar months, oldest first).

    A count or a sum is read for all the months at once: the rows of the whole span grouped by
    the Asia/Taipei month of the indicator's date column (a 人數 figure counts distinct persons
    per month, which is what one-row-per-person-in-the-month gives), so a 12-month trend costs
    one query per indicator instead of twelve. Other kinds are evaluated month by month. The
    tests compare both ways on the same rows.
    """
    cache = {} if cache is None else cache
    if indicator.key in cache:
        return cache[indicator.key]
    if any(a.end != b.start for a, b in itertools.pairwise(months)):
        raise ValueError("evaluate_months needs consecutive months")
    result: list[Value]
    if not months:
        result = []
    elif not applies(indicator, scope):
        result = [Value(indicator, None, applicable=False) for _ in months]
    elif indicator.kind == RATIO:
        nums = evaluate_months(BY_KEY[indicator.numerator], scope, months, cache)
        dens = evaluate_months(BY_KEY[indicator.denominator], scope, months, cache)
        result = [
            Value(indicator, _ratio(n.value or 0, d.value, indicator.factor))
            for n, d in zip(nums, dens, strict=True)
        ]
    elif indicator.kind in (COUNT, SUM) and indicator.date_field and indicator.rows is not None:
        span = Period(months[0].start, months[-1].end)
        field_name = indicator.date_field
        bucket = (
            TruncMonth(field_name)
            if indicator.date_only
            else TruncMonth(field_name, tzinfo=local_zone())
        )
        counted = Count(indicator.person, distinct=True) if indicator.person else Count("pk")
        figures: dict[str, Any] = {"n": counted}
        if indicator.kind == SUM:
            figures["total"] = Sum(indicator.sum_field)
        grouped = (
            indicator.rows(scope, span).order_by().annotate(month=bucket).values("month")
        ).annotate(**figures)
        by_month: dict[datetime.date, dict[str, Any]] = {}
        for row in grouped:
            month = row["month"]
            day = local_date(month) if isinstance(month, datetime.datetime) else month
            by_month[day.replace(day=1)] = row
        result = []
        for period in months:
            row = by_month.get(period.start, {"n": 0, "total": 0})
            if indicator.kind == COUNT:
                result.append(Value(indicator, row["n"], rows=row["n"]))
            else:
                result.append(Value(indicator, int(row["total"] or 0), rows=row["n"]))
    else:
        result = [evaluate(indicator, scope, period) for period in months]
    cache[indicator.key] = result
    return result


def evaluate_all(scope: ReportScope, period: Period) -> list[Value]:
    cache: dict[str, Value] = {}
    return [evaluate(i, scope, period, cache) for i in INDICATORS]


def referrals_by_resource(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Referrals sent in the period per resource and outcome (the resource table)."""
    table: dict[int, dict[str, Any]] = {}
    for referral in referrals_sent(scope, period):
        row = table.setdefault(
            referral.resource_id,
            {"resource": referral.resource, "completed": 0, "failed": 0, "pending": 0},
        )
        row[
            "completed"
            if referral.outcome == Outcome.COMPLETED
            else "failed"
            if referral.outcome == Outcome.FAILED
            else "pending"
        ] += 1
    rows = sorted(table.values(), key=lambda r: (r["resource"].kind, r["resource"].name))
    for row in rows:
        row["total"] = row["completed"] + row["failed"] + row["pending"]
    return rows
