"""Vacancy keyword search (title, description and employer name) through the bigram index.

``Vacancy.search_text`` holds the bigrams of the three texts (jobdesk.domain.textsearch), written
by the vacancy services (``_apply``) and, for the employer's name, by ``update_employer``. A
keyword of two Chinese characters (倉儲, 會計) is one bigram: an index lookup, no scan.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from jobdesk.common.textsearch import terms_match
from jobdesk.domain.textsearch import index_terms, join_terms, parse_query
from jobdesk.employers.models import Vacancy


def vacancy_search_text(vacancy: Any, employer_name: str | None = None) -> str:
    if employer_name is None:
        employer_name = vacancy.employer.name if vacancy.employer_id else ""
    return join_terms(index_terms([vacancy.title, vacancy.description, employer_name]))


def set_search_text(vacancy: Any) -> bool:
    """Recompute the vacancy's terms; True when they changed (the caller saves the column)."""
    text = vacancy_search_text(vacancy)
    changed: bool = text != vacancy.search_text
    vacancy.search_text = text
    return changed


def _contains(word: str) -> Q:
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Q(employer__name__icontains=word)
    )


def keyword_filter(qs: QuerySet[Any], q: str) -> QuerySet[Any]:
    """``qs`` narrowed to the vacancies whose title, description or employer name hold ``q``
    (every part of it). A single character is not indexed: that query scans."""
    parsed = parse_query(q)
    if parsed is None or not parsed.indexable:
        return qs.filter(_contains(q.strip()))
    qs = qs.filter(terms_match(Vacancy, parsed.terms))
    for run in parsed.verify:
        qs = qs.filter(_contains(run))
    return qs


@transaction.atomic
def refresh_employer_vacancies(employer: Any) -> int:
    """After an employer's name changed: the terms of its vacancies (derived data, no version)."""
    changed = []
    for vacancy in Vacancy.objects.filter(employer=employer).only(
        "pk", "title", "description", "search_text"
    ):
        text = vacancy_search_text(vacancy, employer.name)
        if text != vacancy.search_text:
            vacancy.search_text = text
            changed.append(vacancy)
    Vacancy.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)
