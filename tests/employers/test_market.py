"""Labour-market summary (T3.1): counts, quartiles by pay basis, trend, top employers, shifts."""

from __future__ import annotations

import datetime

import pytest

from jobdesk.employers.market import market_summary
from jobdesk.employers.models import VacancyStatus
from jobdesk.employers.services import change_vacancy_status
from jobdesk.taxonomy.models import Occupation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 15)


def test_summary_of_an_occupation_in_a_county(make_vacancy, oscar):
    # given: four open 5220 vacancies in 新北市, one draft, one in another occupation
    occ = Occupation.objects.get(code="5220")
    for low in (30000, 32000, 34000, 36000):
        v = make_vacancy(occupation=occ, pay_min=low, pay_max=low, shifts=["day"], opens_on=TODAY)
        change_vacancy_status(v, actor=oscar, status=VacancyStatus.OPEN)
    make_vacancy(occupation=occ, opens_on=TODAY)
    other = make_vacancy(occupation=Occupation.objects.get(code="2512"), opens_on=TODAY)
    change_vacancy_status(other, actor=oscar, status=VacancyStatus.OPEN)
    # when
    m = market_summary(occupation_prefixes=["52"], county="新北市", today=TODAY)
    # then
    assert m.open_count == 4
    monthly = next(p for p in m.pay if p.basis == "monthly")
    assert (monthly.lowest, monthly.median, monthly.highest) == (30000, 33000, 36000)
    assert monthly.q1 == 31500
    assert monthly.q3 == 34500
    assert m.trend[-1].label == "2026-03"
    assert m.trend[-1].value == 5
    assert m.employers[0].value == 4
    assert m.shifts[0].label == "日班"
    assert True
    assert market_summary(occupation_prefixes=["52"], county="臺中市", today=TODAY).open_count == 0


def test_the_panel_renders_svg_bars(make_vacancy, oscar, client_for, personas):
    v = make_vacancy(occupation=Occupation.objects.get(code="5220"), opens_on=TODAY)
    change_vacancy_status(v, actor=oscar, status=VacancyStatus.OPEN)
    response = client_for(personas["alice"]).get(
        "/employers/market/", {"occupation": "5", "county": "新北市"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "開放中職缺" in html
    assert "<script" not in html.split("</head>")[1]


def test_unknown_occupation_code_is_a_form_error(reference_data, client_for, personas):
    response = client_for(personas["alice"]).get("/employers/market/", {"occupation": "98"})
    assert "不在職業標準分類中" in response.content.decode()
