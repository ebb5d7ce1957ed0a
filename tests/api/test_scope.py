"""Done-when of issue 13: a token created by an administrator for a 三重 service account reads
and writes only 三重 data through the API; 臺中 (centre C) rows are 404, lists never show them."""

from __future__ import annotations

import pytest

from jobdesk.cases.models import JobSeeker
from jobdesk.matching.models import Recommendation
from tests.api.conftest import reason

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(token_for, sanchong_service):
    client = token_for(sanchong_service)
    # A system is nobody's counsellor: it states why it reads (logged, shown to supervisors).
    client.headers = reason("每日同步至新北市個案系統")
    return client


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_hold_only_sanchong_rows(api, w, world_c):
    assert _ids(api.get("/api/v1/seekers/")) == {str(w["seeker"].public_id)}
    assert _ids(api.get("/api/v1/cases/")) == {str(w["case"].public_id)}
    assert _ids(api.get("/api/v1/employers/")) == {str(w["employer"].public_id)}
    assert _ids(api.get("/api/v1/vacancies/")) == {str(w["vacancy"].public_id)}


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/seekers/{}/", "seeker"),
        ("/api/v1/seekers/{}/matches/", "seeker"),
        ("/api/v1/cases/{}/", "case"),
        ("/api/v1/employers/{}/", "employer"),
        ("/api/v1/vacancies/{}/", "vacancy"),
        ("/api/v1/vacancies/{}/jobposting/", "vacancy"),
        ("/api/v1/vacancies/{}/taiwanjobs/", "vacancy"),
        ("/api/v1/vacancies/{}/matches/", "vacancy"),
    ],
)
def test_centre_c_rows_are_not_found(api, w, world_c, url, key):
    assert api.get(url.format(w[key].public_id)).status_code == 200
    assert api.get(url.format(world_c[key].public_id)).status_code == 404


def test_writes_reach_only_sanchong_rows(api, w, world_c):
    # a change of a 臺中 seeker: 404, nothing saved
    c_seeker = world_c["seeker"]
    response = api.patch(f"/api/v1/seekers/{c_seeker.public_id}/", {"phone": "1", "version": 1})
    assert response.status_code == 404
    assert JobSeeker.objects.get(pk=c_seeker.pk).phone == "0912-345-678"
    # recommending a 三重 seeker to a 臺中 vacancy: the vacancy is not found
    response = api.post(
        "/api/v1/recommendations/",
        {
            "seeker": str(w["seeker"].public_id),
            "vacancy": str(world_c["vacancy"].public_id),
            "consent": True,
        },
    )
    assert response.status_code == 400
    assert "vacancy" in response.json()
    # and the 三重 pair goes through
    response = api.post(
        "/api/v1/recommendations/",
        {
            "seeker": str(w["seeker"].public_id),
            "vacancy": str(w["vacancy"].public_id),
            "consent": True,
        },
    )
    assert response.status_code == 201, response.content
    assert Recommendation.objects.get().office.code == "NB-SC"


def test_matches_never_show_centre_c(api, w, world_c):
    # given a 臺中 seeker who would fit the 三重 vacancy just as well
    response = api.get(f"/api/v1/vacancies/{w['vacancy'].public_id}/matches/")
    # then
    assert response.status_code == 200
    shown = {row["seeker"]["id"] for row in response.json()["results"]}
    assert str(w["seeker"].public_id) in shown
    assert str(world_c["seeker"].public_id) not in shown
