"""Scoped reads of employers and vacancies, and the vacancies matching may use."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from jobdesk.common.pagination import LeanPaginator
from jobdesk.employers.models import (
    Employer,
    FindingStatus,
    Vacancy,
    VacancyFinding,
    VacancyStatus,
)
from jobdesk.employers.search import keyword_filter
from jobdesk.taxonomy.models import Township
from jobdesk.taxonomy.places import distance_km

SORTS = {
    "newest": ("-opens_on", "-id"),
    "closing": ("closes_on", "id"),
    "pay": ("-pay_min", "id"),
    "title": ("title", "id"),
}


# Long texts the list does not show: not read (a page sorts its matches on narrow rows).
LIST_DEFERRED = ("search_text", "description", "skills", "occupation_suggestions", "licences")


def open_violation_exists() -> Exists:
    return Exists(
        VacancyFinding.objects.filter(
            vacancy=OuterRef("pk"),
            status=FindingStatus.OPEN,
            severity=VacancyFinding.VIOLATION,
        )
    )


def open_finding_exists() -> Exists:
    """A §5 finding of any severity that nobody has dealt with yet (neither fixed nor overruled)."""
    return Exists(VacancyFinding.objects.filter(vacancy=OuterRef("pk"), status=FindingStatus.OPEN))


def servable_vacancies(on: datetime.date | None = None) -> QuerySet[Vacancy]:
    """Open vacancies that may be recommended: employer without an active labour dispute
    (就業服務法 §10), no open §5 violation, not past the closing date. Not scoped to a user:
    callers add ``.for_user()`` or an office filter as their screen needs."""
    day = on or timezone.localdate()
    return (
        Vacancy.objects.filter(status=VacancyStatus.OPEN)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))
        .exclude(Employer.active_dispute_q(day, prefix="employer__"))
        .exclude(open_violation_exists())
    )


def employers_for_user(user: Any, action: str = "view") -> QuerySet[Employer]:
    return Employer.objects.for_user(user, action).select_related("industry", "township")


@dataclass
class VacancyFilter:
    q: str = ""
    occupation: str = ""
    county: str = ""
    township: Township | None = None
    within_km: float | None = None
    pay_basis: str = ""
    pay_at_least: int | None = None
    shift: str = ""
    status: str = ""
    employer: Employer | None = None
    open_findings: bool = False
    sort: str = "newest"


def townships_within(centre: Township, km: float) -> list[int]:
    return [t.pk for t in Township.objects.all() if distance_km(centre, t) <= km]


def filtered_vacancies(user: Any, f: VacancyFilter | None = None) -> QuerySet[Any]:
    """The vacancies a user may see with the list's filters applied: no joins for display, so
    counting it is cheap (the list's paginator counts this)."""
    return narrow_vacancies(Vacancy.objects.for_user(user), f)


def narrow_vacancies(qs: QuerySet[Any], f: VacancyFilter | None = None) -> QuerySet[Any]:
    """``qs`` (already scoped with ``for_user``) narrowed by the vacancy list's filters."""
    f = f or VacancyFilter()
    if f.q:
        qs = keyword_filter(qs, f.q)  # title, description and employer name, by bigram index
    if f.occupation:
        qs = qs.filter(occupation__code__startswith=f.occupation)
    if f.township is not None and f.within_km:
        qs = qs.filter(township_id__in=townships_within(f.township, f.within_km))
    elif f.township is not None:
        qs = qs.filter(township=f.township)
    elif f.county:
        qs = qs.filter(county=f.county)
    if f.pay_basis:
        qs = qs.filter(pay_basis=f.pay_basis)
    if f.pay_at_least is not None:
        qs = qs.filter(Q(pay_max__gte=f.pay_at_least) | Q(pay_min__gte=f.pay_at_least))
    if f.shift:
        qs = qs.filter(shift_keys__contains=f",{f.shift},")
    if f.status:
        qs = qs.filter(status=f.status)
    if f.employer is not None:
        qs = qs.filter(employer=f.employer)
    if f.open_findings:
        qs = qs.filter(open_finding_exists())
    return qs


def vacancies_for_user(user: Any, f: VacancyFilter | None = None) -> QuerySet[Any]:
    """The vacancies a user may see, filtered and sorted for a list (no N+1: related rows joined,
    open violations annotated)."""
    f = f or VacancyFilter()
    return for_vacancy_list(filtered_vacancies(user, f), f.sort)


def vacancy_page(
    filtered: QuerySet[Any], sort: str, number: Any, per_page: int = 25, orphans: int = 0
) -> Any:
    """Page ``number`` of the list: cut on ``filtered`` sorted (narrow rows, ``LIMIT``), then the
    page's rows made ready for display (``for_vacancy_list``) in the same order. A keyword that
    many vacancies hold (會計: thousands) no longer has every match joined and annotated before
    the sort (docs/scaling.md)."""
    lean = filtered.order_by(*SORTS.get(sort, SORTS["newest"]))
    return LeanPaginator(
        lean,
        per_page,
        orphans=orphans,
        count_from=filtered,
        display=lambda pks: for_vacancy_list(Vacancy.objects.filter(pk__in=pks), sort),
    ).get_page(number)


def for_vacancy_list(filtered: QuerySet[Any], sort: str = "newest") -> QuerySet[Any]:
    """Filtered vacancies made ready for the list: related rows joined, open violations
    annotated, sorted."""
    qs: QuerySet[Any] = filtered.select_related(
        "employer", "occupation", "township", "education"
    ).defer(*LIST_DEFERRED)
    today = timezone.localdate()
    qs = qs.annotate(
        open_violation=open_violation_exists(),
        employer_in_dispute=ExpressionWrapper(
            Employer.active_dispute_q(today, prefix="employer__"), output_field=BooleanField()
        ),
    )
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))
