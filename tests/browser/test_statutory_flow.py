"""A claimant from registration through two 再認定 with 求職紀錄, a recommended job refused on a
lawful ground (就業保險法 §13: 30 km or more away), and a 求職交通補助金 application."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jobdesk.statutory.models import BenefitClaim, RecertStatus, SubsidyApplication
from jobdesk.statutory.rules import load_rules
from tests.browser.conftest import screenshot
from tests.matching.factories import make_case, make_employer, make_seeker, make_vacancy, township
from tests.statutory.factories import recommend

pytestmark = pytest.mark.django_db(transaction=True)


def _go(page, locator):
    with page.expect_navigation():
        locator.click()


def _fill(page, values):
    for name, value in values.items():
        page.locator(f"[name='{name}']").fill(value)


def _ok(page, text):
    messages = page.locator(".messages").all_inner_texts()
    assert any(text in m for m in messages), (page.url, messages)


def _search(page, day, name):
    _fill(
        page,
        {
            "search-searched_on": day.isoformat(),
            "search-employer_name": name,
            "search-employer_address": "新北市三重區重新路五段 1 號",
            "search-employer_phone": "02-2999-1234",
            "search-contact_person": "林小姐",
        },
    )
    page.locator("[name='search-method']").select_option("in_person")
    page.locator("[name='search-result']").select_option("not_hired")
    _go(page, page.get_by_role("button", name="新增求職紀錄"))
    _ok(page, "已新增求職紀錄")


def test_claimant_through_two_recertifications_a_lawful_refusal_and_a_transport_subsidy(
    page, live_server, personas, login, reference_data
):
    # given: a seeker with an open case (registered at the office today; the claim is entered
    # with its original registration time, 80 days ago)
    load_rules()
    alice, oscar = personas["alice"], personas["oscar"]
    seeker = make_seeker(alice, name="黃建國")
    case = make_case(seeker, alice)
    far = make_vacancy(
        oscar,
        make_employer(oscar, name="臺中精機股份有限公司"),
        township=township("臺中市西屯區"),
        title="CNC 操作員",
    )
    today = timezone.localdate()
    registered = today - datetime.timedelta(days=80)
    login(alice)
    # when: the claim is registered from the case page's statutory section
    page.goto(f"{live_server.url}/cases/{case.public_id}/")
    _go(page, page.get_by_role("link", name="登記失業給付申請"))
    _fill(
        page,
        {
            "registered_at": f"{registered.isoformat()}T09:30",
            "separated_on": (registered - datetime.timedelta(days=7)).isoformat(),
            "employer_name": "三重紙器股份有限公司",
            "separation_reason": "歇業（勞動基準法第11條第1款）",
            "avg_insured_salary": "40100",
        },
    )
    _go(page, page.get_by_role("button", name="登記申請"))
    _ok(page, "已登記失業給付申請")
    assert page.get_by_test_id("monthly-benefit").inner_text().startswith("24060 元")
    claim = BenefitClaim.objects.get(seeker=seeker)
    # no recommendation or training in 14 days: 失業認定 on day 15
    certified = registered + datetime.timedelta(days=15)
    page.locator("[name='certify-certified_on']").fill(certified.isoformat())
    _go(page, page.get_by_role("button", name="完成失業認定"))
    _ok(page, "已儲存")
    assert page.get_by_test_id("claim-status").inner_text() == "已失業認定，按月再認定"
    screenshot(page, "statutory-claim")
    # the first 再認定, with two 求職紀錄
    claim.refresh_from_db()
    first = claim.recerts.get(number=1)
    _go(page, page.get_by_test_id("recert-1").get_by_role("link", name="辦理"))
    _search(page, certified + datetime.timedelta(days=5), "新北紙業有限公司")
    _search(page, certified + datetime.timedelta(days=12), "蘆洲包裝行")
    page.locator("[name='recert-attended_on']").fill(first.due_on.isoformat())
    _go(page, page.get_by_role("button", name="完成再認定"))
    _ok(page, "已完成第 1 次失業再認定")
    assert page.get_by_test_id("recert-status").inner_text() == "已再認定"
    # a recommendation to a job in 臺中 (介紹卡 handed over), refused: 30 km or more (§13 (2))
    rec = recommend(alice, seeker, far)
    page.goto(f"{live_server.url}/statutory/replies/{rec.public_id}/")
    assert "就業保險法第27條" in page.content()
    page.locator("[name='result']").select_option("refused_lawful")
    page.locator("[name='refusal_ground']").select_option("distance")
    page.locator("[name='note']").fill("工作地點在臺中市西屯區，通勤單程逾兩小時。")
    _go(page, page.get_by_role("button", name="登錄回覆卡"))
    _ok(page, "已登錄推介就業情形回覆卡")
    assert "就業保險法第13條第2款" in page.get_by_test_id("reply-card").inner_text()
    # the second 再認定, with two more 求職紀錄
    page.goto(f"{live_server.url}/statutory/claims/{claim.public_id}/")
    _go(page, page.get_by_test_id("recert-2").get_by_role("link", name="辦理"))
    _search(page, today - datetime.timedelta(days=3), "三重電子股份有限公司")
    _search(page, today - datetime.timedelta(days=1), "五股物流中心")
    page.locator("[name='recert-attended_on']").fill(today.isoformat())
    _go(page, page.get_by_role("button", name="完成再認定"))
    _ok(page, "已完成第 2 次失業再認定")
    assert [r.status for r in claim.recerts.order_by("number")[:2]] == [RecertStatus.DONE] * 2
    # then: the next 再認定 is on the home page's statutory panel
    page.goto(f"{live_server.url}/")
    panel = page.locator("#statutory-panel")
    assert "第 3 次失業再認定" in panel.inner_text()
    # when: a 求職交通補助金 application for the 介紹卡 to 臺中
    page.goto(f"{live_server.url}/cases/{case.public_id}/")
    _go(page, page.get_by_role("link", name="求職交通補助金"))
    page.locator("[name='recommendation']").select_option(str(rec.public_id))
    page.locator("[name='amount_requested']").fill("500")
    _go(page, page.get_by_role("button", name="受理申請"))
    _ok(page, "已受理求職交通補助金申請")
    # then: every eligibility check holds, each with its legal basis
    checks = page.get_by_test_id("checks").inner_text()
    assert "不符" not in checks
    assert "就業促進津貼實施辦法" in checks
    screenshot(page, "statutory-transport")
    app = SubsidyApplication.objects.get(seeker=seeker)
    assert all(c["ok"] for c in app.checks)
    page.goto(f"{live_server.url}/statutory/subsidies/{app.public_id}/print/")
    assert "求職交通補助金申請書" in page.content()
