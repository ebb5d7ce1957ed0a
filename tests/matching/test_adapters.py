"""Rows → engine inputs: an allow-list for seekers; vacancy flags for §5, §10 and closing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jobdesk.matching import adapters
from tests.matching.factories import education, make_vacancy

pytestmark = pytest.mark.django_db

PROTECTED_WORDS = (
    "birth",
    "age",
    "sex",
    "gender",
    "marital",
    "photo",
    "name",
    "national",
    "target",
    "sensitive",
    "disab",
    "health",
    "address",
    "religion",
    "union",
)


def test_seeker_allow_list_names_no_protected_ground_or_proxy():
    for field in adapters.SEEKER_FIELDS:
        assert not any(word in field for word in PROTECTED_WORDS if field != "public_id"), field


def test_seeker_profile_carries_the_matching_inputs(w):
    # when the seeker is adapted
    p = adapters.seeker_profile(w["seeker"])
    # then every input is there, in the engine's terms
    assert p.id == str(w["seeker"].public_id)
    assert p.desired_occupations == ("9330",)
    assert p.township == str(w["seeker"].township_id)
    assert p.education == 3  # 高中 → 高中職
    assert p.skills == ("堆高機", "包裝")
    assert p.licences == ("堆高機操作證",)
    assert p.pay_basis == "monthly"
    assert p.expected_pay_min == 30000
    assert p.shifts == frozenset({"day"})
    assert p.max_commute_km == 20.0


def test_vacancy_record_flags_dispute_violation_and_closing(w, personas):
    from jobdesk.employers.services import change_vacancy_status, set_labour_dispute

    record = adapters.vacancy_record(w["vacancy"])
    assert record.servable
    assert record.occupation == "9330"
    assert record.min_education is None  # no requirement given
    set_labour_dispute(
        w["employer"], actor=personas["oscar"], kind="lockout", started_on=timezone.localdate()
    )
    assert adapters.vacancy_record(w["vacancy"]).employer_blocked
    other = make_vacancy(personas["oscar"], w["employer"], title="包裝員", open_it=False)
    assert not adapters.vacancy_record(other).is_open
    change_vacancy_status(other, actor=personas["oscar"], status="open")
    later = timezone.localdate() + datetime.timedelta(days=40)
    assert not adapters.vacancy_record(other, on=later).is_open  # past closes_on


def test_vacancy_with_a_section5_violation_is_blocked(w, personas):
    vacancy = make_vacancy(
        personas["oscar"],
        w["employer"],
        title="門市人員（限女性，25歲以下）",
        open_it=False,
        education=education("university"),
    )
    record = adapters.vacancy_record(vacancy)
    assert record.compliance_blocked
    assert record.min_education == 5


def test_vacancy_record_carries_the_coders_ranked_suggestions_and_the_confirmed_flag(w, personas):
    from jobdesk.employers.models import Vacancy

    # given an officer-confirmed vacancy whose stored coder suggestions differ
    Vacancy.objects.filter(pk=w["vacancy"].pk).update(
        occupation_suggestions=[
            {"code": "9321", "name": "包裝工", "score": 4.5, "evidence": ["包裝"]},
            {"code": "9330", "name": "運輸及倉儲勞力工", "score": 2.0, "evidence": []},
            {"code": "12", "score": 1.0},  # not a 細類: ignored
            "junk",
        ]
    )
    # when the engine's record is read
    record = adapters.vacancy_record(Vacancy.objects.get(pk=w["vacancy"].pk))
    # then the suggestions come in rank order with their scores, and the code is confirmed
    assert record.occupation_suggestions == (("9321", 4.5), ("9330", 2.0))
    assert record.occupation == "9330"
    assert record.occupation_confirmed
