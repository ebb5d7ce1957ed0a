"""Vacancy keyword search: title, description and employer name, through the bigram index."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jobdesk.employers.models import Vacancy
from jobdesk.employers.search import keyword_filter
from jobdesk.employers.selectors import VacancyFilter, filtered_vacancies
from jobdesk.employers.services import register_employer, update_employer, update_vacancy

pytestmark = pytest.mark.django_db


def _titles(user: Any, q: str) -> list[str]:
    return sorted(v.title for v in filtered_vacancies(user, VacancyFilter(q=q)))


def test_a_two_character_keyword_finds_title_description_and_employer(
    make_vacancy, personas, oscar, offices
):
    # given
    make_vacancy(title="倉儲理貨員", description="搬運、盤點。")
    make_vacancy(title="作業員", description="負責倉儲區揀貨與出貨。")
    other = register_employer(actor=oscar, office=offices["a"], name="大安會計師事務所")
    from jobdesk.employers.services import create_vacancy

    create_vacancy(actor=oscar, employer=other, values={"title": "行政助理", "county": "臺北市"})
    make_vacancy(title="廚師", description="中式料理。")
    alice = personas["alice"]
    # then
    assert _titles(alice, "倉儲") == ["作業員", "倉儲理貨員"]
    assert _titles(alice, "會計") == ["行政助理"]
    assert _titles(alice, "出貨") == ["作業員"]


def test_a_longer_keyword_must_occur_as_typed(make_vacancy, personas):
    make_vacancy(title="堆高機操作員", description="需堆高機證照。")
    make_vacancy(title="高機能布料研發", description="堆疊樣品。")  # 堆高? no; 高機 yes
    assert _titles(personas["alice"], "堆高機") == ["堆高機操作員"]


def test_a_single_character_still_works_by_scanning(make_vacancy, personas):
    make_vacancy(title="廚師")
    make_vacancy(title="作業員")
    assert _titles(personas["alice"], "廚") == ["廚師"]


def test_an_edited_description_and_a_renamed_employer_are_found(
    make_vacancy, employer, oscar, personas
):
    # given
    vacancy = make_vacancy(title="作業員", description="操作機台。")
    alice = personas["alice"]
    assert _titles(alice, "包裝") == []
    # when
    vacancy = update_vacancy(
        vacancy,
        actor=oscar,
        expected_version=vacancy.version,
        values={"description": "操作機台與包裝。"},
    )
    employer.refresh_from_db()
    update_employer(employer, actor=oscar, expected_version=employer.version, name="新莊光電公司")
    # then
    assert _titles(alice, "包裝") == ["作業員"]
    assert _titles(alice, "光電") == ["作業員"]
    assert _titles(alice, "精密") == []  # the former name
    assert Vacancy.objects.get(pk=vacancy.pk).version == vacancy.version  # derived, not an edit


def test_keyword_search_is_scoped(make_vacancy, personas):
    make_vacancy(title="倉儲理貨員")
    assert _titles(personas["charlie"], "倉儲") == []
    assert keyword_filter(Vacancy.objects.all(), "倉儲").count() == 1


def test_the_list_page_uses_the_keyword(make_vacancy, client_for, personas):
    make_vacancy(title="作業員", description="倉儲區揀貨。")
    make_vacancy(title="廚師")
    html = (
        client_for(personas["alice"])
        .get(reverse("employers:vacancy_list"), {"q": "揀貨"})
        .content.decode()
    )
    assert "作業員" in html
    assert "廚師" not in html


@pytest.mark.parametrize("sort", ["newest", "closing", "pay", "title", ""])
def test_the_list_page_has_the_rows_and_order_of_sorting_every_match(make_vacancy, personas, sort):
    """The page is cut on the lean query (``vacancy_page``: ``LIMIT`` on narrow rows, then the
    page's rows joined) and lists the same rows in the same order as sorting every match fully
    annotated and slicing it (ties in every sort key, empty closing dates, several pages)."""
    import datetime

    from django.core.paginator import Paginator

    from jobdesk.employers.selectors import for_vacancy_list, vacancy_page

    today = datetime.date.today()
    for i in range(23):
        make_vacancy(
            title=["會計助理", "會計專員", "倉儲會計"][i % 3],
            description="帳務處理。",
            pay_min=30000 + 1000 * (i % 4),
            pay_max=40000,
            opens_on=today - datetime.timedelta(days=i % 5),
            closes_on=None if i % 4 == 0 else today + datetime.timedelta(days=i % 6),
        )
    make_vacancy(title="廚師")  # not a match
    filtered = keyword_filter(Vacancy.objects.for_user(personas["alice"]), "會計")
    assert filtered.count() == 23
    reference = Paginator(for_vacancy_list(filtered, sort or "newest"), 5, orphans=2)
    for number in [1, 2, 3, 4, 5, "last", 99, "x"]:
        expected = reference.get_page(number)
        page = vacancy_page(filtered, sort, number, 5, orphans=2)
        assert [v.pk for v in page] == [v.pk for v in expected], (sort, number)
        assert (page.number, page.paginator.num_pages) == (expected.number, 5)
        assert [v.open_violation for v in page] == [v.open_violation for v in expected]
