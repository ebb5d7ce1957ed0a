"""The rows behind a figure, as table rows: headers, cells, a link, and the job seeker shown.

One description per kind of row, used by the drill-down page and by its Excel and CSV files, so
the file lists exactly what the page lists. A row of another office's job seeker (a vacancy-side
figure: the seeker was recommended from elsewhere) shows no name and no link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from jobdesk.cases.models import JobSeeker
from jobdesk.matching.models import Recommendation
from jobdesk.reports.periods import local_date

OTHER_OFFICE = "（他據點求職者）"


@dataclass(frozen=True)
class Row:
    cells: list[Any]
    url: str
    seeker: JobSeeker | None  # the job seeker whose data the row shows (access-logged)


HEADERS: dict[str, list[str]] = {
    "case": ["求職者", "開案日", "個案管理員", "據點", "個案狀態"],
    "vacancy": ["職缺", "雇主", "需求人數", "登記日", "據點", "狀態"],
    "recommendation": [
        "求職者",
        "職缺",
        "雇主",
        "推介日",
        "狀態",
        "未錄取原因",
        "報到日",
        "推介人員",
        "據點",
    ],
    "placement": ["求職者", "雇主", "職缺", "開案日", "到職日", "登記至就業天數", "據點"],
    "follow_up": ["求職者", "到職後月數", "追蹤日", "仍在職", "離職原因", "追蹤人員", "據點"],
    "referral": ["求職者", "轉介資源", "轉介日", "回覆", "結果", "轉介人員", "據點"],
}


def _seeker_label(seeker: JobSeeker) -> str:
    return f"{seeker.name}（{seeker.national_id_masked}）"


def _case_url(case: Any) -> str:
    return reverse("cases:case_detail", args=[case.public_id])


def table(kind: str, queryset: QuerySet[Any], user: Any) -> tuple[list[str], list[Row]]:
    """The headers and rows of ``queryset`` (all of them: the count equals the rows)."""
    builder = _BUILDERS[kind]
    return HEADERS[kind], list(builder(queryset, user))


def _cases(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    for c in queryset.select_related("seeker", "counsellor", "office"):
        yield Row(
            [
                _seeker_label(c.seeker),
                local_date(c.opened_at),
                str(c.counsellor),
                c.office.name,
                c.get_status_display(),
            ],
            _case_url(c),
            c.seeker,
        )


def _vacancies(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    for v in queryset.select_related("employer", "office"):
        yield Row(
            [
                v.title,
                v.employer.name,
                v.headcount,
                local_date(v.created_at),
                v.office.name,
                v.get_status_display(),
            ],
            reverse("employers:vacancy_detail", args=[v.public_id]),
            None,
        )


def _recommendations(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    rows = list(queryset.select_related("seeker", "vacancy__employer", "counsellor", "office"))
    visible = set(
        Recommendation.objects.for_user(user)
        .filter(pk__in=[r.pk for r in rows])
        .values_list("pk", flat=True)
    )
    for r in rows:
        mine = r.pk in visible
        yield Row(
            [
                _seeker_label(r.seeker) if mine else OTHER_OFFICE,
                r.vacancy.title,
                r.vacancy.employer.name,
                local_date(r.recommended_at),
                r.get_status_display(),
                r.get_reply_reason_display() if r.reply_reason else "",
                r.start_date or "",
                str(r.counsellor),
                r.office.name,
            ],
            reverse("matching:recommendation_detail", args=[r.public_id]) if mine else "",
            r.seeker if mine else None,
        )


def _placements(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    from jobdesk.reports.indicators import days_to_start

    for p in queryset.select_related("case__seeker", "office"):
        yield Row(
            [
                _seeker_label(p.case.seeker),
                p.employer_label,
                p.vacancy_label,
                local_date(p.case.opened_at),
                p.start_date,
                days_to_start(p),
                p.office.name,
            ],
            _case_url(p.case),
            p.case.seeker,
        )


def _follow_ups(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    for f in queryset.select_related("case__seeker", "recorded_by", "office"):
        yield Row(
            [
                _seeker_label(f.case.seeker),
                f.months_after,
                f.done_on,
                "是" if f.still_employed else "否",
                f.leaving_reason,
                str(f.recorded_by or ""),
                f.office.name,
            ],
            _case_url(f.case),
            f.case.seeker,
        )


def _referrals(queryset: QuerySet[Any], user: Any) -> Iterable[Row]:
    for r in queryset.select_related("case__seeker", "resource", "counsellor", "office"):
        yield Row(
            [
                _seeker_label(r.case.seeker),
                r.resource.name,
                r.sent_on,
                r.get_reply_display() if r.reply else "",
                r.get_outcome_display() if r.outcome else "尚無結果",
                str(r.counsellor),
                r.office.name,
            ],
            reverse("referrals:referral_detail", args=[r.public_id]),
            r.case.seeker,
        )


_BUILDERS = {
    "case": _cases,
    "vacancy": _vacancies,
    "recommendation": _recommendations,
    "placement": _placements,
    "follow_up": _follow_ups,
    "referral": _referrals,
}
