"""Views: the officer's screens, filters, scope and the list's query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobdesk.employers.models import Vacancy, VacancyStatus
from jobdesk.employers.services import change_vacancy_status
from jobdesk.taxonomy.models import Occupation, Township

pytestmark = pytest.mark.django_db


def test_vacancy_list_query_count_does_not_grow(make_vacancy, client_for, personas):
    client = client_for(personas["oscar"])
    make_vacancy()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("employers:vacancy_list"))
    for i in range(15):
        make_vacancy(title=f"職缺{i}", township=Township.objects.first(), shifts=["night"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("employers:vacancy_list"))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_filters_by_occupation_prefix_shift_and_status(make_vacancy, client_for, personas, oscar):
    a = make_vacancy(
        title="甲職缺", occupation=Occupation.objects.get(code="5220"), shifts=["night"]
    )
    make_vacancy(title="乙職缺", occupation=Occupation.objects.get(code="2512"))
    change_vacancy_status(a, actor=oscar, status=VacancyStatus.OPEN)
    client = client_for(personas["alice"])
    html = client.get(
        reverse("employers:vacancy_list"), {"occupation": "52", "shift": "night", "status": "open"}
    ).content.decode()
    assert "甲職缺" in html
    assert "乙職缺" not in html


def test_distance_filter(make_vacancy, client_for, personas):
    daan = Township.objects.get(full_name="臺北市大安區")
    make_vacancy(title="近的", township=daan)
    make_vacancy(title="遠的", township=Township.objects.get(full_name="臺中市北區"))
    html = (
        client_for(personas["alice"])
        .get(reverse("employers:vacancy_list"), {"township": daan.pk, "within_km": 20})
        .content.decode()
    )
    assert "近的" in html
    assert "遠的" not in html


def test_officer_creates_a_vacancy_and_sees_the_finding(employer, client_for, personas):
    client = client_for(personas["oscar"])
    response = client.post(
        reverse("employers:vacancy_create"),
        {
            "employer": employer.pk,
            "title": "倉管",
            "description": "限男，需搬貨。",
            "headcount": 1,
            "county": "新北市",
            "pay_basis": "monthly",
            "pay_min": 32000,
            "experience_years": 0,
        },
    )
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("employers:vacancy_detail", args=[vacancy.public_id]))
    assert "限男" in detail.content.decode()
    assert "性別" in detail.content.decode()
    opened = client.post(
        reverse("employers:vacancy_status", args=[vacancy.public_id]),
        {"status": "open"},
        follow=True,
    )
    assert "就業歧視" in opened.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_stale_edit_shows_the_error_and_saves_nothing(make_vacancy, client_for, personas):
    vacancy = make_vacancy()
    client = client_for(personas["oscar"])
    data = {
        "title": "新名稱",
        "description": "",
        "headcount": 1,
        "county": "新北市",
        "pay_basis": "monthly",
        "pay_min": 32000,
        "experience_years": 0,
        "version": 99,
    }
    response = client.post(reverse("employers:vacancy_edit", args=[vacancy.public_id]), data)
    assert "已被其他人修改" in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.title == "作業員"


def test_import_template_download(reference_data, client_for, personas):
    response = client_for(personas["oscar"]).get(reverse("employers:import_template"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_market_given_refuses_a_case_outside_scope(reference_data, client_for, personas):
    import uuid

    response = client_for(personas["alice"]).post(
        reverse("employers:labour_market_given"), {"case": str(uuid.uuid4()), "notes": "x"}
    )
    assert response.status_code == 404
