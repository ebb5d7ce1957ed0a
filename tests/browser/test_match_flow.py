"""Match → recommend → employer reply → start, in a real browser (counsellor and officer)."""

from __future__ import annotations

import datetime

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _login(browser, live_server, user):
    from tests.conftest import PASSWORD

    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill(user.username)
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_match_recommend_reply_follow_up(browser, live_server, personas, reference_data):
    from jobdesk.cases.models import CaseStatus
    from jobdesk.matching.index_service import reset_index
    from tests.matching.factories import world

    reset_index()
    w = world(personas)
    alice_ctx, page = _login(browser, live_server, personas["alice"])
    # the counsellor opens the seeker's matches and reads the reasons
    page.goto(f"{live_server.url}/matching/seekers/{w['seeker'].public_id}/vacancies/")
    results = page.get_by_role("list", name="媒合結果")
    assert results.get_by_role("heading", name="倉儲理貨員").count() == 1
    assert page.get_by_text("職類相近（同細類）").count() >= 1
    screenshot(page, "match-results")
    # she recommends, first forgetting the seeker's agreement
    page.get_by_role("link", name="推介此職缺").first.click()
    page.get_by_role("button", name="確認推介").click()
    assert "須經求職者同意" in page.get_by_role("alert").first.inner_text()
    page.get_by_label("求職者已同意推介").check()
    page.get_by_role("button", name="確認推介").click()
    page.wait_for_url("**/matching/recommendations/*/")
    assert "已推介" in page.get_by_role("heading", level=1).inner_text()
    detail_url = page.url
    # the officer records the employer's reply: hired
    oscar_ctx, officer = _login(browser, live_server, personas["oscar"])
    officer.goto(detail_url)
    reply = officer.get_by_role("form", name="登錄雇主回覆")
    reply.get_by_role("radio", name="錄取", exact=True).check()
    reply.get_by_role("button", name="登錄回覆").click()
    assert "錄取" in officer.get_by_role("heading", level=1).inner_text()
    assert officer.get_by_role("form", name="登錄報到").count() == 0  # casework records 報到
    oscar_ctx.close()
    # the counsellor records the start: the case moves to follow-up
    page.goto(detail_url)
    start = page.get_by_role("form", name="登錄報到")
    start.get_by_label("報到日").fill(datetime.date.today().isoformat())
    start.get_by_label("薪資（元）").fill("34000")
    start.get_by_role("button", name="登錄報到").click()
    assert "已報到" in page.get_by_role("heading", level=1).inner_text()
    w["case"].refresh_from_db()
    assert w["case"].status in (CaseStatus.PLACED, CaseStatus.FOLLOW_UP)
    alice_ctx.close()


def test_a_trade_with_few_openings_lists_only_those_and_can_widen(
    browser, live_server, personas, reference_data
):
    from jobdesk.matching.index_service import reset_index
    from tests.matching.factories import make_vacancy, occupation, world

    reset_index()
    w = world(personas)  # one warehouse opening for a seeker who wants warehouse work
    for title in ("美術編輯助理", "社群小編"):  # another trade, nearer and better paid
        make_vacancy(
            personas["oscar"],
            w["employer"],
            title=title,
            description="負責排版、海報與社群圖片設計。",
            occupation=occupation("2172"),
            pay_min=45000,
            pay_max=50000,
            skills="",
            licences="",
        )
    context, page = _login(browser, live_server, personas["alice"])
    # the counsellor opens the matches: the one related vacancy, and a note saying so
    page.goto(f"{live_server.url}/matching/seekers/{w['seeker'].public_id}/vacancies/")
    results = page.get_by_role("list", name="媒合結果")
    assert results.get_by_role("heading").count() == 1
    assert results.get_by_role("heading", name="倉儲理貨員").count() == 1
    assert "符合條件的職缺只有 1 筆" in page.get_by_role("status").inner_text()
    screenshot(page, "match-few-openings")
    # she widens the list: the other trade follows, marked as unrelated
    page.get_by_role("link", name="也列出不相關的職缺").click()
    page.wait_for_url("**widen=on**")
    headings = results.get_by_role("heading")
    assert headings.count() == 3
    assert "倉儲理貨員" in headings.first.inner_text()
    assert results.get_by_text("職類不相關").count() == 2
    assert page.get_by_label("也列出職類、職稱不相關的職缺").is_checked()
    context.close()
