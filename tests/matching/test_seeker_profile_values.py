"""The seeker side of the matching adapter, value by value: what the engine learns of a job seeker.

就業服務法 §5: the profile is built from the allow-listed ``values()`` row only. These tests pin
every conversion with exact values (a wrong separator, a dropped shift, a pay asked without a
basis, a made-up occupation code would each change what the engine sees).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from jobdesk.matching import adapters

ROW: dict[str, Any] = {
    "public_id": "5f0c7c1e-0000-4000-8000-000000000001",
    "township_id": 17,
    "education__code": "university",
    "experience_years": Decimal("2.5"),
    "work_history": "物流中心理貨",
    "skills": "堆高機、包裝,理貨，盤點;出貨；驗收/揀貨\n裝箱",
    "licences": "堆高機操作證",
    "max_commute_km": 12,
    "pay_basis": "hourly",
    "expected_pay_min": 190,
    "shifts": ["day", "night"],
    "available_from": datetime.date(2026, 12, 1),
}


def profile(**changes: Any) -> Any:
    occupations = changes.pop("occupations", ["9330", "4311"])
    return adapters.seeker_profile_from_values({**ROW, **changes}, occupations)


def test_a_full_row_becomes_exactly_this_profile():
    p = profile()
    assert p.id == "5f0c7c1e-0000-4000-8000-000000000001"
    assert p.desired_occupations == ("4311", "9330")  # sorted
    assert p.township == "17"
    assert p.max_commute_km == 12.0
    assert isinstance(p.max_commute_km, float)
    assert p.pay_basis == "hourly"
    assert p.expected_pay_min == 190
    assert p.shifts == frozenset({"day", "night"})
    assert p.education == 5
    assert p.experience_years == 2.5
    assert isinstance(p.experience_years, float)
    assert p.experience_text == "物流中心理貨"
    assert p.skills == ("堆高機", "包裝", "理貨", "盤點", "出貨", "驗收", "揀貨", "裝箱")
    assert p.licences == ("堆高機操作證",)
    assert p.available_from == datetime.date(2026, 12, 1)
    # nothing the row does not give
    assert (p.min_pay_hard, p.shifts_hard, p.desired_names, p.job_titles) == (False, False, (), ())


def test_only_occupation_codes_of_up_to_four_digits_are_kept_once_each():
    p = profile(occupations=["9330", "9330", "12", "93301", "93a0", "", "0"])
    assert p.desired_occupations == ("0", "12", "9330")


def test_every_pay_basis_a_seeker_may_have():
    for basis in ("monthly", "hourly", "daily"):
        assert profile(pay_basis=basis).pay_basis == basis
        assert profile(pay_basis=basis).expected_pay_min == 190


def test_an_unknown_pay_basis_drops_the_expected_pay_too():
    for basis in ("piece", "negotiable", "", None, "Monthly"):
        p = profile(pay_basis=basis)
        assert (p.pay_basis, p.expected_pay_min) == (None, None)


def test_no_commute_limit_is_none_not_zero():
    assert profile(max_commute_km=0).max_commute_km is None
    assert profile(max_commute_km=None).max_commute_km is None
    assert profile(max_commute_km=Decimal("7.5")).max_commute_km == 7.5


def test_empty_and_unknown_values():
    p = profile(
        township_id=None,
        education__code=None,
        experience_years=None,
        work_history=None,
        skills=None,
        licences="",
        shifts=None,
        available_from=None,
    )
    assert p.township is None
    assert p.education is None
    assert p.experience_years is None
    assert p.experience_text == ""
    assert (p.skills, p.licences) == ((), ())
    assert p.shifts == frozenset()
    assert p.available_from is None
    assert profile(education__code="phd").education is None
    assert profile(experience_years=0).experience_years == 0.0


def test_every_education_code_has_its_ordinal():
    expected = {
        "none": 0,
        "elementary": 1,
        "junior_high": 2,
        "senior_high": 3,
        "vocational_high": 3,
        "junior_college": 4,
        "university": 5,
        "master": 6,
        "doctorate": 7,
    }
    assert {code: profile(education__code=code).education for code in expected} == expected


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("", ()),
        (None, ()),
        ("a", ("a",)),
        ("a、b", ("a", "b")),
        ("a,b", ("a", "b")),
        ("a，b", ("a", "b")),
        ("a;b", ("a", "b")),
        ("a；b", ("a", "b")),
        ("a/b", ("a", "b")),
        ("a\nb", ("a", "b")),
        ("a、、 ,b", ("a", "b")),
        (" a 、 b 、a", ("a", "b")),  # stripped, first occurrence kept
        ("堆高機 操作", ("堆高機 操作",)),  # a space is not a separator
        ("a.b|c", ("a.b|c",)),
    ],
)
def test_terms_are_split_on_list_separators_only(text, terms):
    assert adapters.split_terms(text) == terms


def test_shifts_keep_only_known_ones_from_a_list():
    assert adapters._shifts(["day", "evening", "night", "rotating", "part_time"]) == frozenset(
        {"day", "evening", "night", "rotating", "part_time"}
    )
    assert adapters._shifts(("night", "weekend", 3, None)) == frozenset({"night"})
    assert adapters._shifts("day") == frozenset()  # a string is not a list of shifts
    assert adapters._shifts({"day"}) == frozenset()
    assert adapters._shifts(None) == frozenset()


def test_years_and_township_keys():
    assert adapters._years(None) is None
    assert adapters._years(3) == 3.0
    assert type(adapters._years(Decimal("1.25"))) is float
    assert adapters._years(Decimal("1.25")) == 1.25
    assert adapters.township_key(None) is None
    assert adapters.township_key(0) == "0"
    assert adapters.township_key(305) == "305"


@pytest.mark.django_db
def test_each_seeker_gets_only_their_own_occupations_and_office(personas, reference_data):
    from tests.matching.factories import make_seeker

    first = make_seeker(personas["alice"], desired_occupations=["9330"])
    second = make_seeker(personas["alice"], desired_occupations=["9330", "8322"])
    none = make_seeker(personas["alice"], desired_occupations=[])
    from jobdesk.cases.models import JobSeeker

    found = {
        pk: (p, path)
        for p, pk, path in adapters.seeker_profiles(
            JobSeeker.objects.filter(pk__in=[first.pk, second.pk, none.pk])
        )
    }
    assert set(found) == {first.pk, second.pk, none.pk}
    assert found[first.pk][0].desired_occupations == ("9330",)
    assert found[second.pk][0].desired_occupations == ("8322", "9330")
    assert found[none.pk][0].desired_occupations == ()
    assert found[first.pk][0].id == str(first.public_id)
    assert found[first.pk][1] == first.office.path
    assert adapters.seeker_profile(second).desired_occupations == ("8322", "9330")


@pytest.mark.django_db
def test_a_seeker_that_is_not_there(personas, reference_data):
    from jobdesk.cases.models import JobSeeker

    with pytest.raises(ValueError, match="job seeker not found"):
        adapters.seeker_profile(JobSeeker(pk=987654))
