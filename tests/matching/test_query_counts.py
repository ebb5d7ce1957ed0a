"""Query counts of the recommendation pages: the number of queries does not grow with the rows.

Each test renders a page with a few rows and again with many, as the persona who works from it,
and checks the number of queries is the same and under a ceiling (see docs/cases.md). Pages that
show job seekers write one access-log row per seeker shown (PDPA Art. 27), all in one INSERT.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from jobdesk.matching.services import recommend
from tests.matching.factories import make_case, make_employer, make_seeker, make_vacancy

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30


def _get(client: Any, url: str) -> tuple[Any, list[str]]:
    """GET ``url`` and return the response with the SQL of every query it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def _recommend_seekers(counsellor: Any, vacancy: Any, n: int) -> None:
    for _ in range(n):
        seeker = make_seeker(counsellor)
        make_case(seeker, counsellor)
        recommend(actor=counsellor, seeker=seeker, vacancy=vacancy, consent=True)


def _recommend_to_vacancies(counsellor: Any, officer: Any, seeker: Any, n: int) -> None:
    employer = make_employer(officer)
    for i in range(n):
        vacancy = make_vacancy(officer, employer, title=f"倉儲理貨員 {i}")
        recommend(actor=counsellor, seeker=seeker, vacancy=vacancy, consent=True)


@pytest.mark.parametrize("persona", ["oscar", "alice"])
def test_vacancy_pipeline_queries_do_not_grow_and_each_seeker_shown_is_logged(
    persona, client_for, personas, reference_data
):
    # given: a vacancy with recommendations from two counsellors
    oscar = personas["oscar"]
    vacancy = make_vacancy(oscar, make_employer(oscar))
    url = reverse("matching:vacancy_pipeline", args=[vacancy.public_id])
    client = client_for(personas[persona])
    _recommend_seekers(personas["alice"], vacancy, FEW)
    _, few = _get(client, url)
    # when
    _recommend_seekers(personas["bob"], vacancy, MANY - FEW)
    logged_before = AccessEvent.objects.filter(what="職缺推介名單").count()
    response, many = _get(client, url)
    # then
    assert response.context["total"] == MANY
    assert AccessEvent.objects.filter(what="職缺推介名單").count() - logged_before == MANY
    assert len(many) == len(few)  # the log rows of the page go in one INSERT
    assert len(many) <= 12


def test_seeker_recommendation_history_query_count_does_not_grow(
    client_for, personas, reference_data
):
    # given: two of alice's job seekers, recommended to a few and to many vacancies
    alice, oscar = personas["alice"], personas["oscar"]
    small, large = make_seeker(alice), make_seeker(alice)
    make_case(small, alice)
    make_case(large, alice)
    _recommend_to_vacancies(alice, oscar, small, FEW)
    _recommend_to_vacancies(alice, oscar, large, MANY)
    client = client_for(alice)
    # when
    _, few = _get(client, reverse("matching:seeker_recommendations", args=[small.public_id]))
    response, many = _get(
        client, reverse("matching:seeker_recommendations", args=[large.public_id])
    )
    # then
    assert len(response.context["recs"]) == MANY
    assert len(many) == len(few)
    assert len(many) <= 12


@pytest.mark.parametrize("persona", ["oscar", "sam"])
def test_recommendation_list_query_count_does_not_grow(
    persona, client_for, personas, reference_data
):
    oscar = personas["oscar"]
    vacancy = make_vacancy(oscar, make_employer(oscar))
    client = client_for(personas[persona])
    _recommend_seekers(personas["alice"], vacancy, FEW)
    _, few = _get(client, reverse("matching:recommendation_list"))
    _recommend_seekers(personas["bob"], vacancy, MANY - FEW)
    response, many = _get(client, reverse("matching:recommendation_list"))
    assert len(response.context["page"].object_list) == MANY
    assert len(many) == len(few)
    assert len(many) <= 10


def test_seeker_matches_query_count_does_not_grow(client_for, personas, reference_data):
    """A seeker's matching vacancies (the engine's top 20): the vacancies and their employers are
    read in one go, whatever the number of results."""
    alice, oscar = personas["alice"], personas["oscar"]
    seeker = make_seeker(alice)
    make_case(seeker, alice)
    url = reverse("matching:seeker_matches", args=[seeker.public_id])
    client = client_for(alice)
    employer = make_employer(oscar)
    for i in range(FEW):
        make_vacancy(oscar, employer, title=f"倉儲理貨員 {i}")
    _get(client, url)  # the index is built (or brought up to date) on the first query
    few_response, few = _get(client, url)
    for i in range(FEW, MANY):
        make_vacancy(oscar, make_employer(oscar, name=f"物流公司{i}"), title=f"倉儲理貨員 {i}")
    _get(client, url)
    response, many = _get(client, url)
    assert len(few_response.context["matches"]) == FEW
    assert len(response.context["matches"]) == 20
    assert len(many) == len(few)
    assert len(many) <= 21  # 4 of them are the index's staleness check


def test_vacancy_matches_query_count_does_not_grow(client_for, personas, reference_data):
    """A vacancy's matching job seekers: every seeker shown is logged, in one INSERT."""
    alice, oscar = personas["alice"], personas["oscar"]
    vacancy = make_vacancy(oscar, make_employer(oscar))
    url = reverse("matching:vacancy_matches", args=[vacancy.public_id])
    client = client_for(oscar)
    for _ in range(FEW):
        make_case(make_seeker(alice), alice)
    _get(client, url)  # the index is built (or brought up to date) on the first query
    _, few = _get(client, url)
    for _ in range(FEW, MANY):
        make_case(make_seeker(alice), alice)
    _get(client, url)
    logged_before = AccessEvent.objects.filter(action="search").count()
    response, many = _get(client, url)
    shown = len(response.context["rows"])
    assert shown == 20
    assert AccessEvent.objects.filter(action="search").count() - logged_before == shown
    assert len(many) == len(few)
    assert len(many) <= 22
