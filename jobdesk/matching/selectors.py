"""Scoped reads: match results restricted to the user's office subtree, recommendation lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jobdesk.common.scoping import path_is_within
from jobdesk.domain.matching import Contribution, SeekerFilters, VacancyFilters
from jobdesk.matching import adapters
from jobdesk.matching.index_service import get_index
from jobdesk.matching.models import MatchDirection, MatchRun, MatchRunStatus, Recommendation

FETCH_FACTOR = 5  # ask the engine for more rows than shown, then keep those in the user's scope
FETCH_MAX = 500


@dataclass(frozen=True)
class VacancyMatch:
    vacancy: Any
    score: float
    contributions: tuple[Contribution, ...]
    relevant: bool = True  # related enough to be listed by default (``Match.relevant``)


@dataclass(frozen=True)
class SeekerMatch:
    seeker: Any
    score: float
    contributions: tuple[Contribution, ...]
    relevant: bool = True  # related enough to be listed by default (``Match.relevant``)


def _fetch(k: int) -> int:
    return min(FETCH_MAX, k * FETCH_FACTOR + 20)


def _in_scope(path: str | None, user: Any) -> bool:
    return path_is_within(path, user.office)


def match_vacancies(
    user: Any, seeker: Any, k: int = 20, filters: VacancyFilters | None = None
) -> list[VacancyMatch]:
    """Top vacancies for ``seeker`` among the servable vacancies the user may see."""
    from jobdesk.employers.models import Vacancy

    live = get_index()
    profile = adapters.seeker_profile(seeker)
    found = live.index.top_vacancies(
        profile,
        k,
        filters,
        within=lambda id: _in_scope(live.vacancy_office.get(id), user),
        of_best=_fetch(k),
    )
    rows = {
        str(v.public_id): v
        for v in Vacancy.objects.for_user(user)
        .filter(public_id__in=[m.id for m in found])
        .select_related("employer", "township", "occupation")
    }
    return [
        VacancyMatch(rows[m.id], m.score, m.contributions, m.relevant)
        for m in found
        if m.id in rows
    ]


def match_seekers(
    user: Any, vacancy: Any, k: int = 20, filters: SeekerFilters | None = None
) -> list[SeekerMatch]:
    """Top active seekers of the user's office subtree for ``vacancy`` ([] if not servable)."""
    from jobdesk.cases.models import JobSeeker

    live = get_index()
    record = adapters.vacancy_record(vacancy)
    found = live.index.top_seekers(
        record,
        k,
        filters,
        within=lambda id: _in_scope(live.seeker_office.get(id), user),
        of_best=_fetch(k),
    )
    rows = {
        str(s.public_id): s
        for s in JobSeeker.objects.filter(public_id__in=[m.id for m in found])
        .for_user(user, "match")
        .select_related("township", "office")
    }
    return [
        SeekerMatch(rows[m.id], m.score, m.contributions, m.relevant) for m in found if m.id in rows
    ]


def explain_pair(seeker: Any, vacancy: Any) -> tuple[float, list[dict[str, Any]]] | None:
    """Score and explanation of one pair from the live index (None if a hard filter drops it)."""
    profile = adapters.seeker_profile(seeker)
    record = adapters.vacancy_record(vacancy)
    if not record.servable:
        return None
    filters = VacancyFilters(
        townships=frozenset({record.township}) if record.township else frozenset(),
        occupation_prefix=record.occupation,
    )
    for m in get_index().index.top_vacancies(
        profile, 1, filters, within=lambda id: id == record.id, of_best=FETCH_MAX
    ):
        return m.score, [
            {"factor": c.factor, "label": c.label, "points": c.points} for c in m.contributions
        ]
    return None


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    return Recommendation.objects.for_user(user).select_related(
        "seeker", "vacancy", "vacancy__employer", "counsellor", "office"
    )


def filter_recommendations(
    qs: QuerySet[Recommendation], *, status: str = "", q: str = "", mine: bool = False, user: Any
) -> QuerySet[Recommendation]:
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(
            Q(seeker__name__icontains=q)
            | Q(vacancy__title__icontains=q)
            | Q(vacancy__employer__name__icontains=q)
        )
    if mine:
        qs = qs.filter(counsellor=user)
    return qs


def latest_run() -> MatchRun | None:
    return MatchRun.objects.filter(status=MatchRunStatus.DONE).order_by("-finished_at").first()


def batch_suggestions_for_seeker(user: Any, seeker: Any) -> list[Any]:
    """The last nightly run's top vacancies for ``seeker`` that the user may see."""
    from jobdesk.matching.models import MatchSuggestion

    run = latest_run()
    if run is None:
        return []
    return list(
        MatchSuggestion.objects.for_user(user)
        .filter(run=run, direction=MatchDirection.VACANCIES_FOR_SEEKER, seeker=seeker)
        .filter(vacancy__in=_visible_vacancies(user))
        .select_related("vacancy", "vacancy__employer")
        .order_by("rank")[:10]
    )


def _visible_vacancies(user: Any) -> Any:
    from jobdesk.employers.models import Vacancy

    return Vacancy.objects.for_user(user).values("pk")
