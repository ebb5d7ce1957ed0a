"""The shell in a real browser: login errors in zh-Hant, navigation by the standard, tablets."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_bad_login_gets_a_chinese_message(page, live_server, personas):
    # given the login page
    page.goto(f"{live_server.url}/accounts/login/")
    # when a counsellor types a wrong password
    page.get_by_label("帳號").fill("alice")
    page.get_by_label("密碼").fill("wrong-password")
    page.get_by_role("button", name="登入").click()
    # then the page says so in Traditional Chinese and she is not logged in
    assert page.get_by_role("alert").first.inner_text().startswith("帳號或密碼不正確")
    screenshot(page, "login-error")
    assert "/accounts/login/" in page.url


def test_counsellor_navigates_by_the_standard(page, live_server, personas, login, reference_data):
    login(personas["alice"])
    nav = page.get_by_role("navigation", name="主選單")
    for label in ("開發與評估", "求職規劃", "媒合與推介", "轉介", "追蹤與結案", "報表"):
        assert nav.get_by_role("link", name=label, exact=True).count() == 1
    screenshot(page, "home")
    nav.get_by_role("link", name="職能基準").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("就業服務人員職能基準")
    assert page.get_by_text("O1.2.1 就業服務需求表").count() >= 1
    screenshot(page, "standard")
    # the skip link is the first thing a keyboard user reaches
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要內容"


def test_tablet_width_shows_the_menu_in_one_column(browser, live_server, personas):
    from tests.conftest import PASSWORD

    context = browser.new_context(locale="zh-TW", viewport={"width": 800, "height": 1280})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill("sam")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 800, "no horizontal scrolling on a 10-inch tablet"
    screenshot(page, "home-tablet")
    context.close()


def test_tablet_at_a_job_fair_sees_the_lead_form_above_the_fold(browser, live_server, personas):
    from tests.conftest import PASSWORD

    # given a counsellor on a 768×1024 tablet
    context = browser.new_context(locale="zh-TW", viewport={"width": 768, "height": 1024})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill("alice")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    # when she opens the quick lead form
    page.goto(f"{live_server.url}/cases/leads/new/")
    nav = page.get_by_role("navigation", name="主選單")
    # then the menu is folded to the areas (no 862-px list) and the form starts on screen
    assert nav.bounding_box()["height"] < 200
    name_box = page.get_by_label("姓名").bounding_box()
    assert name_box["y"] + name_box["height"] < 1024
    # and 全部選單 unfolds every screen, then folds them again
    toggle = nav.get_by_role("button", name="全部選單")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="宣導活動", exact=True).first.is_visible()
    toggle.click()
    assert nav.bounding_box()["height"] < 200
    context.close()


def test_no_request_leaves_the_machine(page, live_server, personas, login):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    login(personas["alice"])
    assert seen
    assert all(url.startswith(live_server.url) for url in seen), seen


def test_an_occupation_is_found_by_its_name(page, live_server, personas, login, reference_data):
    # given the registration form
    login(personas["alice"])
    page.goto(f"{live_server.url}/cases/seekers/new/")
    field = page.locator("#id_desired_occupations")
    field.fill("4110")
    # when she searches by name and picks 「5120 廚師」 from the list
    search = page.get_by_label("以名稱搜尋職業分類")
    assert search.is_visible()
    search.fill("5120 廚師")
    # then the code joins the field and the search box is ready for the next one
    assert field.input_value() == "4110、5120"
    assert search.input_value() == ""
