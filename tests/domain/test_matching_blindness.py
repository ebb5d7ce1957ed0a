"""Counterfactual blindness: §5 protected grounds cannot change any score (就業服務法 §5).

Each person is a case-file row as the database would hand it over: the matching columns *and* the
protected ones side by side. Profiles are built by the product's own adapter
(``jobdesk.matching.adapters.seeker_profile_from_values``), so a change that let the adapter read a
protected column would change a score here. (The database version, through ``.values()`` and the
allow-list, is tests/matching/test_counterfactual.py.)
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from typing import Any

import pytest

from jobdesk.domain.matching import MatchIndex, SeekerProfile, VacancyRecord, batch_top_k
from jobdesk.matching.adapters import EDUCATION_ORDINAL, seeker_profile_from_values

from .test_matching import TAXONOMY, random_world

# the 18 grounds of §5 ¶1 and common proxies for them
PROTECTED = (
    "race",
    "ethnicity",
    "class",
    "caste",
    "language",
    "mother_tongue",
    "thought",
    "belief",
    "religion",
    "party",
    "political",
    "ancestral_home",
    "native_place",
    "hukou",
    "household",
    "registered_address",
    "birthplace",
    "place_of_birth",
    "nationality",
    "sex",
    "gender",
    "sexual_orientation",
    "age",
    "birth",
    "birth_date",
    "dob",
    "marital",
    "married",
    "spouse",
    "appearance",
    "photo",
    "height",
    "weight",
    "face",
    "features",
    "disability",
    "handicap",
    "health",
    "zodiac",
    "constellation",
    "blood",
    "blood_type",
    "union",
    "trade_union",
    "children",
    "pregnan",
    "indigenous",
    "aboriginal",
)


_EDUCATION_CODE = {ordinal: code for code, ordinal in reversed(EDUCATION_ORDINAL.items())}


def case_file_row(profile: SeekerProfile) -> dict[str, Any]:
    """The matching columns of a seeker, as ``JobSeeker.objects.values(...)`` returns them."""
    return {
        "public_id": profile.id,
        "township_id": None if profile.township is None else int(profile.township),
        "education__code": _EDUCATION_CODE.get(profile.education),
        "experience_years": profile.experience_years,
        "work_history": profile.experience_text,
        "skills": "、".join(profile.skills),
        "licences": "、".join(profile.licences),
        "max_commute_km": profile.max_commute_km,
        "pay_basis": profile.pay_basis,
        "expected_pay_min": profile.expected_pay_min,
        "shifts": sorted(profile.shifts),
        "available_from": profile.available_from,
        "desired_occupations": list(profile.desired_occupations),
    }


def person(profile: SeekerProfile, rng: random.Random) -> dict[str, Any]:
    """A 'full person' as a case file might hold it: matching columns and protected ones."""
    return case_file_row(profile) | {
        "birth_date": date(rng.randint(1955, 2005), rng.randint(1, 12), rng.randint(1, 28)),
        "sex": rng.choice(["F", "M", "X"]),
        "marital_status": rng.choice(["single", "married", "divorced"]),
        "nationality": rng.choice(["TW", "VN", "ID"]),
        "household_registration": rng.choice(["臺北市", "花蓮縣"]),
        "birthplace": rng.choice(["臺南市", "越南"]),
        "disability": rng.choice([None, "聽覺障礙"]),
        "religion": rng.choice([None, "佛教"]),
        "blood_type": rng.choice(["A", "O"]),
        "union_member": rng.random() < 0.5,
        "photo": b"\x89PNG...",
        "height_cm": rng.randint(150, 190),
        "indigenous": rng.random() < 0.1,
    }


def to_profile(p: dict[str, Any]) -> SeekerProfile:
    """The product's adapter, handed the whole row (protected columns included)."""
    return seeker_profile_from_values(p, p["desired_occupations"])


def mutate(p: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    q = dict(p)
    q["birth_date"] = date(1950, 1, 1) if p["birth_date"].year > 1980 else date(2004, 6, 1)
    q["sex"] = {"F": "M", "M": "F", "X": "F"}[p["sex"]]
    q["marital_status"] = "married" if p["marital_status"] != "married" else "single"
    q["nationality"] = "TW" if p["nationality"] != "TW" else "VN"
    q["household_registration"] = "臺東縣"
    q["birthplace"] = "印尼"
    q["disability"] = "肢體障礙"
    q["religion"] = "基督教"
    q["blood_type"] = "B"
    q["union_member"] = not p["union_member"]
    q["photo"] = b"other"
    q["height_cm"] = rng.randint(140, 200)
    q["indigenous"] = not p["indigenous"]
    return q


def scores(vacancies: list[VacancyRecord], people: list[dict[str, Any]]) -> list[object]:
    profiles = [to_profile(p) for p in people]
    index = MatchIndex.build(vacancies, profiles, TAXONOMY)
    out: list[object] = []
    for s in profiles:
        out.append([(m.id, m.score.hex(), m.contributions) for m in index.top_vacancies(s, 50)])
    for v in vacancies:
        out.append([(m.id, m.score.hex(), m.contributions) for m in index.top_seekers(v, 50)])
    batch = batch_top_k(index, k=10)
    out.append((batch.seeker_top.tolist(), [x.hex() for x in batch.seeker_scores.ravel()]))
    out.append((batch.vacancy_top.tolist(), [x.hex() for x in batch.vacancy_scores.ravel()]))
    return out


def test_no_profile_field_names_a_protected_ground() -> None:
    for cls in (SeekerProfile, VacancyRecord):
        for f in dataclasses.fields(cls):
            name = f.name.lower()
            assert not any(word in name for word in PROTECTED), (cls.__name__, f.name)


def _people(seed: int = 7) -> tuple[list[VacancyRecord], list[dict[str, Any]]]:
    rng = random.Random(seed)
    vacancies, profiles = random_world(60, 40, seed=11)
    return vacancies, [person(profile, rng) for profile in profiles]


def test_changing_protected_attributes_leaves_every_score_identical() -> None:
    vacancies, people = _people()
    baseline = scores(vacancies, people)
    for attempt in range(3):
        changed = [mutate(p, random.Random(attempt)) for p in people]
        assert {k for k in changed[0] if changed[0][k] != people[0][k]} >= {"sex", "birth_date"}
        assert scores(vacancies, changed) == baseline


def test_the_comparison_sees_a_change_of_a_matching_column() -> None:
    # The control: the same comparison notices when an input that matching may read changes.
    vacancies, people = _people()
    baseline = scores(vacancies, people)
    moved = [p | {"township_id": 800 if p["township_id"] != 800 else 100} for p in people]
    assert scores(vacancies, moved) != baseline


def test_profiles_are_frozen() -> None:
    s = SeekerProfile(id="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.township = "100"  # type: ignore[misc]
