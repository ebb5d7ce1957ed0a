"""Fixtures of the employers tests: an employer of centre A and a vacancy factory (via services)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jobdesk.employers.models import Employer, Vacancy
from jobdesk.employers.services import create_vacancy, register_employer


@pytest.fixture
def oscar(personas: dict[str, Any]) -> Any:
    return personas["oscar"]


@pytest.fixture
def employer(reference_data: None, personas: dict[str, Any], offices: dict[str, Any]) -> Employer:
    return register_employer(
        actor=personas["oscar"], office=offices["a"], name="三重精密股份有限公司", ubn="04595257"
    )


@pytest.fixture
def make_vacancy(employer: Employer, oscar: Any) -> Callable[..., Vacancy]:
    def make(**values: Any) -> Vacancy:
        data: dict[str, Any] = {
            "title": "作業員",
            "description": "操作機台、品質檢查。",
            "county": "新北市",
            "pay_basis": "monthly",
            "pay_min": 32000,
            "pay_max": 36000,
        }
        data.update(values)
        return create_vacancy(actor=oscar, employer=employer, values=data)

    return make
