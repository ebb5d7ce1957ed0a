"""Every edit form needs the version it was opened at: posted without it, nothing is saved.

A form used to fall back to the row's current version when ``version`` was missing, which let an
old page overwrite whatever changed since it was opened. Each test posts the form as the page
renders it, once without ``version`` (nothing saved, the zh-Hant message shown) and once with it
(saved), reading the row back from the database both times.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases.models import Case, EmploymentPlan, JobSeeker, PlanStep, Review
from jobdesk.common.versioning import MISSING_VERSION
from jobdesk.employers.services import create_vacancy, register_employer
from tests.cases.factories import confirmed, make_case, placed, planned

pytestmark = pytest.mark.django_db


def rendered(form: Any) -> dict[str, Any]:
    """What the browser posts back for ``form`` as rendered (its initial values)."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False or value == []:
            continue
        data[bound.html_name] = "on" if value is True else value
    return data


def _post_both_ways(
    client: Any, url: str, change: dict[str, Any], read: Callable[[], Any], expected: Any
) -> None:
    data = rendered(client.get(url).context["form"]) | change
    assert "version" in data
    before, events = read(), AuditEvent.objects.count()
    # without the version: refused with the message, nothing written
    response = client.post(url, {k: v for k, v in data.items() if k != "version"})
    assert response.status_code == 200
    assert MISSING_VERSION in response.content.decode()
    assert read() == before
    assert AuditEvent.objects.count() == events
    # with it: saved (so the first post was refused for the version alone)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert read() == expected


def test_seeker_edit(client_for, personas, reference_data):
    case = make_case(personas["alice"])
    seeker = case.seeker
    _post_both_ways(
        client_for(personas["alice"]),
        reverse("cases:seeker_edit", args=[seeker.public_id]),
        {"phone": "0922333444"},
        lambda: JobSeeker.objects.get(pk=seeker.pk).phone,
        "0922333444",
    )


def test_confirm_needs(client_for, personas, reference_data):
    case = confirmed(personas["alice"])
    _post_both_ways(
        client_for(personas["alice"]),
        reverse("cases:confirm_needs", args=[case.public_id]),
        {"employment_goals": "半年內找到門市工作"},
        lambda: Case.objects.get(pk=case.pk).confirmation.employment_goals,
        "半年內找到門市工作",
    )


def test_plan_edit(client_for, personas, reference_data):
    case = planned(personas["alice"])
    _post_both_ways(
        client_for(personas["alice"]),
        reverse("cases:plan_edit", args=[case.public_id]),
        {"strategy": "每週參加一場徵才活動"},
        lambda: EmploymentPlan.objects.get(case=case).strategy,
        "每週參加一場徵才活動",
    )


def test_review_create(client_for, personas, reference_data):
    case = placed(personas["alice"])
    _post_both_ways(
        client_for(personas["alice"]),
        reverse("cases:review_create", args=[case.public_id]),
        {
            "reviewed_on": str(timezone.localdate()),
            "strategy_assessment": "履歷已更新",
            "effectiveness": "面試 2 次",
            "development_plan": "加強面試技巧",
        },
        lambda: Review.objects.filter(case=case).count(),
        1,
    )


def test_closure_request(client_for, personas, reference_data):
    case = planned(personas["alice"])
    _post_both_ways(
        client_for(personas["alice"]),
        reverse("cases:closure_request", args=[case.public_id]),
        {
            "reason": "self_found",
            "outcome": "已自行就業",
            "improvement_strategy": "提早提供職缺資訊",
            "confirm": "on",
        },
        lambda: Case.objects.get(pk=case.pk).status,
        "closure_requested",
    )


def test_case_reassign(client_for, personas, reference_data):
    case = make_case(personas["alice"])
    _post_both_ways(
        client_for(personas["sam"]),
        reverse("cases:case_reassign", args=[case.public_id]),
        {"counsellor": personas["bob"].pk},
        lambda: Case.objects.get(pk=case.pk).counsellor_id,
        personas["bob"].pk,
    )


def test_plan_step_status_without_version_saves_nothing(client_for, personas, reference_data):
    from jobdesk.cases import services

    case = planned(personas["alice"])
    plan = EmploymentPlan.objects.get(case=case)
    step = services.add_plan_step(
        plan, actor=personas["alice"], description="投遞履歷", due_on=plan.agreed_on, owner="求職者"
    )
    client = client_for(personas["alice"])
    url = reverse("cases:plan_step_status", args=[step.public_id])
    client.post(url, {"status": "done"})
    assert PlanStep.objects.get(pk=step.pk).status == "todo"
    client.post(url, {"status": "done", "version": step.version})
    assert PlanStep.objects.get(pk=step.pk).status == "done"


def test_employer_edit(client_for, personas, offices, reference_data):
    oscar = personas["oscar"]
    employer = register_employer(actor=oscar, office=offices["a"], name="三重精密", ubn="04595257")
    _post_both_ways(
        client_for(oscar),
        reverse("employers:employer_edit", args=[employer.public_id]),
        {"contact_phone": "02-2999-0000"},
        lambda: type(employer).objects.get(pk=employer.pk).contact_phone,
        "02-2999-0000",
    )


def test_vacancy_edit(client_for, personas, offices, reference_data):
    oscar = personas["oscar"]
    employer = register_employer(actor=oscar, office=offices["a"], name="三重精密", ubn="04595257")
    vacancy = create_vacancy(
        actor=oscar,
        employer=employer,
        values={
            "title": "作業員",
            "description": "操作機台、品質檢查。",
            "county": "新北市",
            "pay_basis": "monthly",
            "pay_min": 32000,
            "pay_max": 36000,
        },
    )
    _post_both_ways(
        client_for(oscar),
        reverse("employers:vacancy_edit", args=[vacancy.public_id]),
        {"headcount": 4},
        lambda: type(vacancy).objects.get(pk=vacancy.pk).headcount,
        4,
    )
