"""Staff workload per counsellor and month against the Ministry's baseline (WorkloadBaseline).

What each measure counts (one definition each, docs/reports.md):
  受理求職求才  the change log's "case.opened" (求職登記／開案) and "vacancy.created" (求才登記)
               events whose actor is the counsellor: who did the intake, not whose case it is now
  就業媒合成功  recommendations by the counsellor that started work (報到日 in the month)
  就業服務諮詢  service records (服務紀錄, cases.Activity) the counsellor recorded, by service time
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from jobdesk.audit.events import Event
from jobdesk.audit.models import AuditEvent
from jobdesk.cases.models import Activity, Case
from jobdesk.common.models import ScopedQuerySet
from jobdesk.employers.models import Vacancy
from jobdesk.matching.models import Recommendation, RecommendationStatus
from jobdesk.reports.models import WorkloadBaseline, WorkloadMeasure
from jobdesk.reports.periods import Period, local_date
from jobdesk.reports.rowsets import Row, table
from jobdesk.reports.scope import ReportScope

INTAKE_EVENTS = (Event.CASE_OPENED, Event.VACANCY_CREATED)


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    definition: str
    rows: Callable[[ReportScope, Period, Any], QuerySet[Any]]  # counsellor None: everyone's
    who: str  # the column naming the member of staff a row counts for
    every: Callable[[Period], QuerySet[Any]]  # the month's rows of every office (aggregates)
    scoped: Any  # the model whose ``for_user`` the rows go through (None: the office only)


def _whose(field: str, counsellor: Any) -> Q:
    return Q(**{field: counsellor}) if counsellor is not None else Q()


# Each measure's rows of a month, of every office and member of staff (what the nightly
# aggregates count, reports.aggregates), and the same rows within a scope (what the page counts).


def _intake_all(period: Period) -> QuerySet[Any]:
    start, end = period.bounds()
    return AuditEvent.objects.filter(
        event_type__in=INTAKE_EVENTS, created_at__gte=start, created_at__lt=end
    )


def _intake(scope: ReportScope, period: Period, counsellor: Any) -> QuerySet[Any]:
    return (
        _intake_all(period)
        .filter(_whose("actor", counsellor), office__in=scope.office_ids())
        .order_by("created_at", "pk")
    )


def _matched_all(period: Period) -> ScopedQuerySet[Any]:
    return Recommendation.objects.filter(
        status=RecommendationStatus.STARTED,
        start_date__gte=period.start,
        start_date__lt=period.end,
    )


def _matched(scope: ReportScope, period: Period, counsellor: Any) -> QuerySet[Any]:
    return (
        _matched_all(period)
        .for_user(scope.user)
        .filter(scope.q("office"), _whose("counsellor", counsellor))
        .order_by("start_date", "pk")
    )


def _consultations_all(period: Period) -> ScopedQuerySet[Any]:
    start, end = period.bounds()
    return Activity.objects.filter(occurred_at__gte=start, occurred_at__lt=end)


def _consultations(scope: ReportScope, period: Period, counsellor: Any) -> QuerySet[Any]:
    return (
        _consultations_all(period)
        .for_user(scope.user)
        .filter(scope.q("office"), _whose("recorded_by", counsellor))
        .order_by("occurred_at", "pk")
    )


MEASURES: tuple[Measure, ...] = (
    Measure(
        WorkloadMeasure.INTAKE,
        "受理求職求才",
        "就業服務員於當月開案（求職登記）及登記職缺（求才）的件數，依異動紀錄之操作者計。",
        _intake,
        "actor",
        _intake_all,
        None,
    ),
    Measure(
        WorkloadMeasure.MATCHED,
        "就業媒合成功",
        "就業服務員推介、且報到日在當月的件數。",
        _matched,
        "counsellor",
        _matched_all,
        Recommendation,
    ),
    Measure(
        WorkloadMeasure.CONSULTATIONS,
        "就業服務諮詢",
        "就業服務員當月記錄的服務紀錄（面談、電話、訊息、家訪、團體）筆數，依服務時間計。",
        _consultations,
        "recorded_by",
        _consultations_all,
        Activity,
    ),
)
BY_KEY = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Cell:
    measure: Measure
    count: int
    baseline: WorkloadBaseline | None

    @property
    def percent(self) -> Decimal | None:
        if self.baseline is None or not self.baseline.monthly_per_staff:
            return None
        value = Decimal(self.count) * 100 / self.baseline.monthly_per_staff
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def meets(self) -> bool | None:
        if self.baseline is None:
            return None
        return self.count >= self.baseline.monthly_per_staff


def live_counts(scope: ReportScope, period: Period) -> dict[str, dict[int, int]]:
    """Per measure, per member of staff (user id): the count, read from the rows.

    One grouped query per measure (the rows of everyone, counted per member of staff), not one
    per counsellor and measure; the drill-down (``measure_rows``) lists one counsellor's rows.
    """
    return {
        m.key: dict(
            m.rows(scope, period, None)
            .order_by()
            .values_list(m.who)
            .annotate(n=Count("pk"))
            .values_list(m.who, "n")
        )
        for m in MEASURES
    }


def workload(
    scope: ReportScope, period: Period, counts: dict[str, dict[int, int]] | None = None
) -> list[tuple[Any, list[Cell]]]:
    """Per counsellor of the scope: each measure's count beside the baseline in force.

    ``counts`` (per measure, per user id) are the month's stored aggregates when the page read
    them (``reports.aggregates.workload_counts``); without them they are counted from the rows.
    """
    baselines = WorkloadBaseline.in_force(period.start)
    if counts is None:
        counts = live_counts(scope, period)
    return [
        (
            counsellor,
            [Cell(m, counts[m.key].get(counsellor.pk, 0), baselines.get(m.key)) for m in MEASURES],
        )
        for counsellor in scope.counsellors()
    ]


def measure_rows(
    measure: Measure, scope: ReportScope, period: Period, counsellor: Any
) -> tuple[list[str], list[Row]]:
    queryset = measure.rows(scope, period, counsellor)
    if measure.key == WorkloadMeasure.MATCHED:
        return table("recommendation", queryset, scope.user)
    if measure.key == WorkloadMeasure.CONSULTATIONS:
        return _activity_rows(queryset)
    return _intake_rows(queryset)


def _activity_rows(queryset: QuerySet[Any]) -> tuple[list[str], list[Row]]:
    rows = [
        Row(
            [
                f"{a.case.seeker.name}（{a.case.seeker.national_id_masked}）",
                local_date(a.occurred_at),
                a.get_kind_display(),
                a.task_code,
                "、".join(a.indicator_codes),
                a.duration_minutes,
            ],
            reverse("cases:case_detail", args=[a.case.public_id]),
            a.case.seeker,
        )
        for a in queryset.select_related("case__seeker")
    ]
    return ["求職者", "服務日期", "方式", "工作任務", "行為指標", "分鐘"], rows


def _intake_rows(queryset: QuerySet[Any]) -> tuple[list[str], list[Row]]:
    events = list(queryset.select_related("office"))
    case_ids = [e.subject_id for e in events if e.event_type == Event.CASE_OPENED]
    vacancy_ids = [e.subject_id for e in events if e.event_type == Event.VACANCY_CREATED]
    cases = {
        str(c.public_id): c
        for c in Case.objects.filter(public_id__in=case_ids).select_related("seeker")
    }
    vacancies = {str(v.public_id): v for v in Vacancy.objects.filter(public_id__in=vacancy_ids)}
    rows = []
    for e in events:
        case = cases.get(e.subject_id)
        vacancy = vacancies.get(e.subject_id)
        if case is not None:
            label = f"{case.seeker.name}（{case.seeker.national_id_masked}）"
            url = reverse("cases:case_detail", args=[case.public_id])
        elif vacancy is not None:
            label, url = (
                vacancy.title,
                reverse("employers:vacancy_detail", args=[vacancy.public_id]),
            )
        else:
            label, url = e.subject_label, ""
        rows.append(
            Row(
                [
                    label,
                    "求職（開案）" if case is not None else "求才（職缺）",
                    local_date(e.created_at),
                    e.office.name if e.office else "",
                ],
                url,
                case.seeker if case is not None else None,
            )
        )
    return ["對象", "類別", "日期", "據點"], rows
