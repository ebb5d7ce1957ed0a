"""就業服務法 §5 in the product: change every protected field of a seeker; every score is the same.

Two seekers are registered with the same matching inputs and opposite protected attributes
(name, national id, birth date, target groups, sensitive circumstances, address, contact); then
one of them is edited again. Every score and every explanation must be identical to the bit.
"""

from __future__ import annotations

import datetime

import pytest

from jobdesk.matching.adapters import seeker_profile
from jobdesk.matching.index_service import get_index
from tests.matching.factories import make_employer, make_seeker, make_vacancy, occupation, township

pytestmark = pytest.mark.django_db


def _all_scores(seeker):
    live = get_index()
    profile = seeker_profile(seeker)
    by_vacancy = [(m.id, m.score, m.contributions) for m in live.index.top_vacancies(profile, 50)]
    from jobdesk.employers.models import Vacancy
    from jobdesk.matching.adapters import vacancy_record

    by_seeker = []
    for v in Vacancy.objects.all():
        for m in live.index.top_seekers(vacancy_record(v), 50):
            if m.id == profile.id:
                by_seeker.append((str(v.public_id), m.score, m.contributions))
    return by_vacancy, by_seeker


def test_protected_fields_never_change_a_score(personas, reference_data):
    from jobdesk.cases.services import update_seeker
    from jobdesk.taxonomy.models import TargetGroup

    alice, oscar = personas["alice"], personas["oscar"]
    employer = make_employer(oscar)
    make_vacancy(oscar, employer)
    make_vacancy(
        oscar,
        employer,
        title="物流司機",
        occupation=occupation("8322"),
        pay_min=40000,
        pay_max=45000,
    )
    make_vacancy(
        oscar, employer, title="夜班包裝員", shifts=["night"], township=township("臺北市中山區")
    )
    groups = list(TargetGroup.objects.all())
    base = make_seeker(
        alice,
        name="陳美玲",
        birth_date=datetime.date(1965, 3, 1),
        address="新北市三重區重新路一段1號",
        desired_occupations=["9330", "8322"],
    )
    twin = make_seeker(
        alice,
        name="Wang Da-Wei",
        birth_date=datetime.date(2001, 12, 31),
        address="臺北市中正區",
        phone="02-0000-0000",
        email="x@example.org",
        target_groups=groups[:4],
        desired_occupations=["9330", "8322"],
    )
    from jobdesk.cases.services.seekers import _save_sensitive

    _save_sensitive(twin, {"disability": "中度肢障", "health": "糖尿病"}, actor=alice)
    # then the profiles differ in their id only …
    p1, p2 = seeker_profile(base), seeker_profile(twin)
    assert p1.__class__(**{**_fields(p2), "id": p1.id}) == p1
    # … and every score and explanation is identical to the bit
    (v1, s1), (v2, s2) = _all_scores(base), _all_scores(twin)
    assert v1
    assert s1
    assert [(i, s, c) for i, s, c in v1] == [(i, s, c) for i, s, c in v2]
    assert [(i, s, c) for i, s, c in s1] == [(i, s, c) for i, s, c in s2]
    # when every protected field of the twin is changed again
    update_seeker(
        twin,
        actor=alice,
        expected_version=twin.version,
        data={
            "name": "林阿嬤",
            "birth_date": datetime.date(1950, 1, 1),
            "target_groups": groups[4:],
            "address": "花蓮縣",
        },
        sensitive={"disability": "", "health": "高血壓"},
    )
    # then nothing moved
    assert _all_scores(twin) == (v2, s2)


def _fields(profile):
    return {name: getattr(profile, name) for name in profile.__slots__}
