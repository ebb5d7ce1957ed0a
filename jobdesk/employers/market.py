"""Labour-market information (T3.1 提供就業資訊) for an occupation and a place.

``market_summary()`` counts the open vacancies of an occupation (any level, by code prefix) in a
county or in townships: pay distribution by pay basis, the trend of new vacancies by month of
opening, top industries and employers, shifts. Vacancy ads are public information, so the figures
cover every office's vacancies (no personal data here). ``employers/_market_panel.html`` renders a
``MarketSummary`` as server-side SVG bars and tables, for this app's page and for other screens.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from jobdesk.employers.models import PayBasis, Shift, Vacancy, VacancyStatus
from jobdesk.taxonomy.models import Occupation, Township

TREND_MONTHS = 12
TOP_N = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float  # 0–100, share of the largest value in its chart
    note: str = ""


@dataclass(frozen=True)
class PayStats:
    basis: str
    label: str
    count: int
    lowest: int
    q1: int
    median: int
    q3: int
    highest: int
    undisclosed: int  # vacancies of this basis with no amount (面議 or none given)

    def _x(self, value: int) -> float:
        span = self.highest - self.lowest
        return round(100 * (value - self.lowest) / span, 1) if span else 50.0

    @property
    def box(self) -> dict[str, float]:
        """x positions (0–100) of the quartiles between the lowest and highest amount."""
        q1, med, q3 = self._x(self.q1), self._x(self.median), self._x(self.q3)
        return {"q1": q1, "median": med, "q3": q3, "width": max(round(q3 - q1, 1), 0.5)}


@dataclass
class MarketSummary:
    occupation_prefixes: list[str]
    occupation_label: str
    place_label: str
    as_of: datetime.date
    open_count: int = 0
    headcount: int = 0
    pay: list[PayStats] = field(default_factory=list)
    trend: list[Bar] = field(default_factory=list)
    industries: list[Bar] = field(default_factory=list)
    employers: list[Bar] = field(default_factory=list)
    shifts: list[Bar] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.open_count == 0 and not any(b.value for b in self.trend)


def _bars(items: list[tuple[str, int]], note: str = "") -> list[Bar]:
    top = max((v for _, v in items), default=0) or 1
    return [Bar(label, value, round(100 * value / top, 1), note) for label, value in items]


def _quartiles(values: list[int]) -> tuple[int, int, int]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return round(q1), round(q2), round(q3)


def _months_back(today: datetime.date, n: int) -> list[datetime.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _filtered(
    occupation_prefixes: list[str], county: str | None, township_ids: list[int] | None
) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.all()
    prefixes = [p.strip() for p in occupation_prefixes if p.strip()]
    if prefixes:
        match = Q()
        for prefix in prefixes:
            match |= Q(occupation__code__startswith=prefix)
        qs = qs.filter(match)
    if township_ids:
        qs = qs.filter(township_id__in=township_ids)
    elif county:
        qs = qs.filter(county=county.replace("台", "臺"))
    return qs


def _labels(
    occupation_prefixes: list[str], county: str | None, township_ids: list[int] | None
) -> tuple[str, str]:
    prefixes = [p for p in occupation_prefixes if p]
    names = dict(Occupation.objects.filter(code__in=prefixes).values_list("code", "name"))
    occupation = "、".join(f"{p} {names.get(p, '')}".strip() for p in prefixes) or "全部職業"
    if township_ids:
        towns = Township.objects.filter(pk__in=township_ids).values_list("full_name", flat=True)
        place = "、".join(towns)
    else:
        place = county or "全國"
    return occupation, place


def market_summary(
    *,
    occupation_prefixes: list[str],
    county: str | None = None,
    township_ids: list[int] | None = None,
    today: datetime.date | None = None,
) -> MarketSummary:
    """Open vacancies, pay, trend, industries, employers and shifts for one target market."""
    day = today or timezone.localdate()
    occupation_label, place_label = _labels(occupation_prefixes, county, township_ids)
    summary = MarketSummary(
        occupation_prefixes=list(occupation_prefixes),
        occupation_label=occupation_label,
        place_label=place_label,
        as_of=day,
    )
    base = _filtered(occupation_prefixes, county, township_ids)
    open_qs = base.filter(status=VacancyStatus.OPEN).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=day)
    )
    pay_rows = list(open_qs.values_list("pay_basis", "pay_min", "pay_max", "headcount", "shifts"))
    summary.open_count = len(pay_rows)
    summary.headcount = sum(r[3] for r in pay_rows)
    by_basis: dict[str, list[int]] = {}
    undisclosed: Counter[str] = Counter()
    shift_counts: Counter[str] = Counter()
    for basis, low, high, _, shifts in pay_rows:
        # The pay a vacancy offers: the middle of its range, or its minimum when open-ended.
        amount = (low + high) // 2 if low and high else (low or high)
        if amount:
            by_basis.setdefault(basis, []).append(amount)
        else:
            undisclosed[basis] += 1
        for s in shifts or []:
            shift_counts[s] += 1
    for basis in PayBasis.values:
        values = sorted(by_basis.get(basis, []))
        if not values and not undisclosed[basis]:
            continue
        q1, med, q3 = _quartiles(values) if values else (0, 0, 0)
        summary.pay.append(
            PayStats(
                basis,
                PayBasis(basis).label,
                len(values),
                values[0] if values else 0,
                q1,
                med,
                q3,
                values[-1] if values else 0,
                undisclosed[basis],
            )
        )
    months = _months_back(day, TREND_MONTHS)
    trend_counts = Counter(
        f"{d:%Y-%m}"
        for d in base.filter(opens_on__gte=months[0], opens_on__lte=day).values_list(
            "opens_on", flat=True
        )
    )
    summary.trend = _bars([(f"{m:%Y-%m}", trend_counts.get(f"{m:%Y-%m}", 0)) for m in months])
    industries = (
        open_qs.values("employer__industry__code", "employer__industry__name")
        .annotate(n=Count("id"))
        .order_by("-n", "employer__industry__code")[:TOP_N]
    )
    summary.industries = _bars(
        [
            (
                f"{r['employer__industry__code']} {r['employer__industry__name']}"
                if r["employer__industry__code"]
                else "未登錄行業",
                r["n"],
            )
            for r in industries
        ]
    )
    employers = (
        open_qs.values("employer__name").annotate(n=Count("id")).order_by("-n", "employer__name")
    )[:TOP_N]
    summary.employers = _bars([(r["employer__name"], r["n"]) for r in employers])
    summary.shifts = _bars(
        [(Shift(s).label, shift_counts[s]) for s in Shift.values if shift_counts[s]]
    )
    return summary
