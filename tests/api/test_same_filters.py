"""One filter definition for each list: the screen and the API give the same rows for the same
parameters (and the same zh-Hant message for a bad one)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobdesk.matching.services import recommend
from tests.matching.factories import make_case, make_employer, make_seeker, make_vacancy
from tests.privacy.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(personas, w, world_c):
    """Rows on every list, some matching a filter and some not, plus centre C's (out of scope)."""
    alice, bob, oscar = personas["alice"], personas["bob"], personas["oscar"]
    other = make_seeker(bob, name="吳建國", phone="0912000333")
    make_case(other, bob)
    make_seeker(alice, name="林美玲")
    accountants = make_employer(oscar, name="新莊會計事務所")
    make_vacancy(oscar, accountants, open_it=False, title="會計助理")
    recommend(actor=alice, seeker=w["seeker"], vacancy=w["vacancy"], consent=True)
    make_referral(alice, w["case"])
    return w


CASES = [
    # (persona, screen, api, params)
    ("alice", "cases:seeker_list", "/api/v1/seekers/", {}),
    ("alice", "cases:seeker_list", "/api/v1/seekers/", {"q": "建國"}),
    ("alice", "cases:seeker_list", "/api/v1/seekers/", {"q": "333"}),  # a phone tail
    ("alice", "cases:case_list", "/api/v1/cases/", {}),
    ("alice", "cases:case_list", "/api/v1/cases/", {"mine": "1"}),
    ("alice", "cases:case_list", "/api/v1/cases/", {"status": "open"}),
    ("oscar", "employers:vacancy_list", "/api/v1/vacancies/", {}),
    ("oscar", "employers:vacancy_list", "/api/v1/vacancies/", {"status": "draft"}),
    ("oscar", "employers:vacancy_list", "/api/v1/vacancies/", {"q": "會計"}),
    ("alice", "matching:recommendation_list", "/api/v1/recommendations/", {}),
    ("alice", "matching:recommendation_list", "/api/v1/recommendations/", {"q": "不存在"}),
    ("bob", "matching:recommendation_list", "/api/v1/recommendations/", {"mine": "1"}),
    ("alice", "referrals:referral_list", "/api/v1/referrals/", {}),
    ("alice", "referrals:referral_list", "/api/v1/referrals/", {"status": "assessing"}),
    ("alice", "referrals:referral_list", "/api/v1/referrals/", {"status": "closed"}),
    ("bob", "referrals:referral_list", "/api/v1/referrals/", {"mine": "1"}),
]


@pytest.mark.parametrize(("who", "screen", "api", "params"), CASES)
def test_the_screen_and_the_api_list_the_same_rows(
    client_for, token_for, personas, lists, who, screen, api, params
):
    user = personas[who]
    page = client_for(user).get(reverse(screen), params)
    assert page.status_code == 200
    on_screen = {str(row.public_id) for row in page.context["page"]}
    answer = token_for(user).get(api, page_size=200, **params)
    assert answer.status_code == 200, answer.content
    in_api = {row["id"] for row in answer.json()["results"]}
    assert on_screen == in_api
    assert on_screen or params, "an unfiltered list in this world has rows"


def test_a_search_on_both_finds_by_phone_tail_not_only_by_name(
    client_for, token_for, personas, lists
):
    answer = token_for(personas["alice"]).get("/api/v1/seekers/", q="333")
    assert [r["name"] for r in answer.json()["results"]] == ["吳建國"]


@pytest.mark.parametrize(
    ("screen", "api", "params", "message"),
    [
        ("cases:case_list", "/api/v1/cases/", {"status": "nope"}, "個案狀態不正確。"),
        ("referrals:referral_list", "/api/v1/referrals/", {"status": "nope"}, "轉介狀態不正確。"),
        (
            "employers:vacancy_list",
            "/api/v1/vacancies/",
            {"occupation": "abc"},
            "職業代碼須為 1 到 4 位數字。",
        ),
    ],
)
def test_a_bad_parameter_gives_no_rows_and_the_same_message(
    client_for, token_for, personas, lists, screen, api, params, message
):
    user = personas["sam"]
    page = client_for(user).get(reverse(screen), params)
    assert page.status_code == 200
    assert list(page.context["page"]) == []
    assert message in page.content.decode()
    answer = token_for(user).get(api, **params)
    assert answer.status_code == 400
    assert message in next(iter(answer.json().values()))
