"""Test data for jobdesk.matching, made through the other apps' services (never raw ORM rows)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

_LETTERS = {"A": 10}
_serial = itertools.count(1)


def national_id(n: int | None = None) -> str:
    """A valid 身分證字號 A1xxxxxxxC with a correct check digit."""
    body = f"1{(n if n is not None else next(_serial)) % 10_000_000:07d}"
    digits = [1, 0] + [int(c) for c in body]
    weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    total = sum(d * w for d, w in zip(digits, weights, strict=True))
    check = (10 - total % 10) % 10
    return f"A{body}{check}"


def township(name: str = "新北市三重區") -> Any:
    from jobdesk.taxonomy.places import resolve_township

    found = resolve_township(name)
    assert found is not None, name
    return found


def occupation(code: str) -> Any:
    from jobdesk.taxonomy.models import Occupation

    return Occupation.objects.get(code=code)


def education(code: str) -> Any:
    from jobdesk.taxonomy.models import EducationLevel

    return EducationLevel.objects.get(code=code)


def make_seeker(actor: Any, office: Any = None, **overrides: Any) -> Any:
    from jobdesk.cases.services import register_seeker

    occupations = overrides.pop("desired_occupations", ["9330"])
    data: dict[str, Any] = {
        "name": "王小明",
        "phone": "0912-345-678",
        "township": township(),
        "education": education("senior_high"),
        "experience_years": 2,
        "work_history": "物流中心理貨、包裝、堆高機作業",
        "skills": "堆高機、包裝",
        "licences": "堆高機操作證",
        "max_commute_km": 20,
        "pay_basis": "monthly",
        "expected_pay_min": 30000,
        "shifts": ["day"],
        "available_from": timezone.localdate(),
        "desired_occupations": [occupation(c) for c in occupations],
    }
    data.update(overrides)
    return register_seeker(
        actor=actor, office=office or actor.office, national_id=national_id(), data=data
    )


def make_case(seeker: Any, actor: Any) -> Any:
    from jobdesk.cases.services import open_case

    return open_case(seeker, actor=actor)


def make_employer(actor: Any, office: Any = None, name: str = "三重物流股份有限公司") -> Any:
    from jobdesk.employers.services import register_employer

    return register_employer(
        actor=actor,
        office=office or actor.office,
        name=name,
        contact_name="林經理",
        contact_phone="02-2999-0000",
    )


def make_vacancy(actor: Any, employer: Any, *, open_it: bool = True, **overrides: Any) -> Any:
    from jobdesk.employers.services import change_vacancy_status, create_vacancy

    values: dict[str, Any] = {
        "title": "倉儲理貨員",
        "description": "負責物流中心理貨、包裝與出貨，需會操作堆高機。",
        "occupation": occupation("9330"),
        "headcount": 2,
        "township": township(),
        "pay_basis": "monthly",
        "pay_min": 32000,
        "pay_max": 36000,
        "shifts": ["day"],
        "experience_years": 1,
        "skills": "堆高機",
        "licences": "堆高機操作證",
        "opens_on": timezone.localdate() - datetime.timedelta(days=3),
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
    }
    values.update(overrides)
    vacancy = create_vacancy(actor=actor, employer=employer, values=values)
    if open_it:
        vacancy = change_vacancy_status(vacancy, actor=actor, status="open")
    return vacancy


def world(personas: dict[str, Any]) -> dict[str, Any]:
    """A seeker with an open case, an employer and an open vacancy, all in centre A."""
    alice, oscar = personas["alice"], personas["oscar"]
    seeker = make_seeker(alice)
    case = make_case(seeker, alice)
    employer = make_employer(oscar)
    vacancy = make_vacancy(oscar, employer)
    return {"seeker": seeker, "case": case, "employer": employer, "vacancy": vacancy}
