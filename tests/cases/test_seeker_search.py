"""Seeker search by name and phone tail through the bigram index, scoped with for_user."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesk.cases import services
from jobdesk.cases.models import JobSeeker
from jobdesk.cases.search import search_seekers
from jobdesk.privacy.services.erasure import anonymise_seeker
from tests.cases.factories import make_seeker

pytestmark = pytest.mark.django_db


def _found(user: Any, q: str) -> list[str]:
    return sorted(s.name for s in search_seekers(JobSeeker.objects.for_user(user), q))


def test_a_given_name_of_two_characters_and_a_surname_are_found(personas, reference_data):
    # given
    alice = personas["alice"]
    make_seeker(alice, name="王小明")
    make_seeker(alice, name="陳小明")
    make_seeker(alice, name="王大同")
    # then
    assert _found(alice, "小明") == ["王小明", "陳小明"]
    assert _found(alice, "王") == ["王大同", "王小明"]
    assert _found(alice, "王小明") == ["王小明"]
    assert _found(alice, "明小") == []  # bigrams are ordered


def test_three_characters_must_occur_together_not_only_their_bigrams(personas, reference_data):
    # given: 王小 and 小明 both occur, 王小明 does not
    alice = personas["alice"]
    make_seeker(alice, name="王小·小明")
    # then
    assert _found(alice, "小明") == ["王小·小明"]
    assert _found(alice, "王小明") == []


def test_a_phone_tail_finds_the_seeker(personas, reference_data):
    alice = personas["alice"]
    make_seeker(alice, name="林美華", phone="0922-111-678")
    make_seeker(alice, name="張志明", phone="0933222333")
    assert _found(alice, "678") == ["林美華"]
    assert _found(alice, "1678") == ["林美華"]
    assert _found(alice, "0922111678") == ["林美華"]
    assert _found(alice, "2333") == ["張志明"]


def test_search_is_scoped_to_the_users_offices(personas, reference_data):
    make_seeker(personas["charlie"], name="黃小明")
    assert _found(personas["alice"], "小明") == []
    assert _found(personas["charlie"], "小明") == ["黃小明"]


def test_a_changed_name_is_found_by_the_new_name_only(personas, reference_data):
    # given
    alice = personas["alice"]
    seeker = make_seeker(alice, name="李淑芬")
    # when
    services.update_seeker(
        seeker, actor=alice, expected_version=seeker.version, data={"name": "李淑華"}
    )
    # then
    assert _found(alice, "淑華") == ["李淑華"]
    assert _found(alice, "淑芬") == []


def test_the_national_id_is_never_in_the_search_terms(personas, reference_data):
    seeker = make_seeker(personas["alice"], name="周杰")
    seeker.refresh_from_db()
    raw = seeker.national_id_encrypted
    assert raw[1:4].lower() not in seeker.search_text
    assert not any(term in raw.lower() for term in seeker.search_text.split() if len(term) > 3)


def test_an_anonymised_seeker_is_not_found_by_the_former_name(personas, reference_data):
    alice = personas["alice"]
    seeker = make_seeker(alice, name="吳宗憲")
    anonymise_seeker(seeker, actor=alice, reason="當事人請求刪除")
    assert _found(alice, "宗憲") == []
    assert JobSeeker.objects.get(pk=seeker.pk).search_text == ""


def test_the_list_finds_by_name_and_never_reads_the_encrypted_id(
    client_for, personas, reference_data
):
    # given
    alice = personas["alice"]
    make_seeker(alice, name="王小明")
    make_seeker(alice, name="陳大文")
    # when
    with CaptureQueriesContext(connection) as queries:
        response = client_for(alice).get(reverse("cases:seeker_list"), {"q": "小明"})
    # then
    assert [s.name for s in response.context["page"]] == ["王小明"]
    selects = [q["sql"] for q in queries.captured_queries if "cases_jobseeker" in q["sql"]]
    assert selects
    assert not any("national_id_encrypted" in sql for sql in selects)
