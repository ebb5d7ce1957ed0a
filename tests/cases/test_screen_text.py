"""How screens write things (issue 10, item 18): task codes once, the township once in an
address, pay as 「月薪 35,000 元起」, behaviour indicators with their text, 正式活動 asked."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from jobdesk.common.templatetags.jobdesk_text import task_heading
from jobdesk.employers.models import PayBasis, Vacancy
from jobdesk.taxonomy.places import address_with_township
from tests.cases.factories import assessed, make_case

pytestmark = pytest.mark.django_db

LUZHOU = SimpleNamespace(full_name="新北市蘆洲區", county="新北市", district="蘆洲區")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("新北市蘆洲區長安街 88 號", "新北市蘆洲區長安街 88 號"),
        ("長安街 88 號", "新北市蘆洲區長安街 88 號"),
        ("蘆洲區長安街 88 號", "新北市蘆洲區長安街 88 號"),
        ("新北市 蘆洲區長安街 88 號", "新北市 蘆洲區長安街 88 號"),
    ],
)
def test_the_township_appears_once_in_an_address(address, expected):
    assert address_with_township(address, LUZHOU) == expected


def test_a_task_code_appears_once_in_a_heading():
    assert str(task_heading("確認就業服務需求（T1.3）", "T1.3")) == (
        '<span class="code">T1.3</span> 確認就業服務需求'
    )
    assert str(task_heading("就業服務需求表（O1.2.1）", "T1.2")).endswith(
        "</span> 就業服務需求表（O1.2.1）"
    )


def test_confirmation_page_heading_names_the_task_once(client_for, personas, reference_data):
    # given an assessed case
    case = assessed(personas["alice"])
    # when its counsellor opens 確認就業服務需求
    body = client_for(personas["alice"]).get(reverse("cases:confirm_needs", args=[case.public_id]))
    # then the heading says T1.3 once, apart from the title
    html = body.content.decode()
    assert '<span class="code">T1.3</span> 確認就業服務需求</h2>' in html
    assert "（T1.3）</h2>" not in html


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (35000, None, "月薪 35,000 元起"),
        (30000, 35000, "月薪 30,000 ~ 35,000 元"),
        (None, 35000, "月薪最高 35,000 元"),
        (35000, 35000, "月薪 35,000 元"),
    ],
)
def test_pay_reads_as_a_sentence(low, high, expected):
    vacancy = Vacancy(pay_basis=PayBasis.MONTHLY, pay_min=low, pay_max=high)
    assert vacancy.pay_label == expected


def test_employer_address_shows_the_township_once(client_for, personas, reference_data):
    from jobdesk.employers.services.employers import register_employer
    from jobdesk.taxonomy.models import Township

    # given an employer whose address repeats its township
    employer = register_employer(
        actor=personas["oscar"],
        office=personas["oscar"].office,
        name="長安餐飲有限公司",
        township=Township.objects.get(full_name="新北市蘆洲區"),
        address="新北市蘆洲區長安街 88 號",
    )
    # when the officer opens it
    html = (
        client_for(personas["oscar"])
        .get(reverse("employers:employer_detail", args=[employer.public_id]))
        .content.decode()
    )
    # then the address reads once
    assert "新北市蘆洲區長安街 88 號" in html
    assert "新北市蘆洲區新北市蘆洲區" not in html


def test_activity_form_names_each_indicator_with_its_text(client_for, personas, reference_data):
    case = make_case(personas["alice"])
    html = (
        client_for(personas["alice"])
        .get(reverse("cases:activity_create", args=[case.public_id]))
        .content.decode()
    )
    assert "P1.1.1 " in html
    assert "P1.1.1</label>" not in html


def test_development_activity_does_not_assume_a_formal_course(client_for, personas, reference_data):
    from tests.cases.factories import planned

    # given a planned case
    case = planned(personas["alice"])
    client = client_for(personas["alice"])
    url = reverse("cases:development_add", args=[case.public_id])
    # when the form opens, nothing is ticked; and a form sent without a choice is refused
    html = client.get(url).content.decode()
    assert "checked" not in html.split("活動性質")[1].split("</fieldset>")[0].split("</div>")[0]
    response = client.post(url, {"title": "模擬面試", "held_on": "2026-12-01"})
    assert "請選擇正式或非正式活動。" in response.content.decode()
    # and an informal activity is recorded as informal
    client.post(url, {"title": "模擬面試", "held_on": "2026-12-01", "formal": "no"})
    assert case.development_activities.get().formal is False
