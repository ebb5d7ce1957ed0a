"""An employer-service officer types an ad and sees the §5 check while typing (htmx), saves it,
and finds it again with the list filter 「有未處理的§5檢核結果」."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.django_db(transaction=True)
def test_live_check_while_typing_and_open_findings_filter(
    page: Any, login: Any, live_server: Any
) -> None:
    # given an officer with an employer, and a clean vacancy already registered
    from jobdesk.accounts.models import Office, OfficeKind, User
    from jobdesk.accounts.roles import Role
    from jobdesk.employers.services import create_vacancy, register_employer
    from jobdesk.taxonomy.loader import load_taxonomies
    from tests.conftest import PASSWORD

    load_taxonomies()
    office = Office.objects.create(code="NB-SC", name="三重就業中心", kind=OfficeKind.CENTRE)
    oscar = User.objects.create_user(
        username="oscar", password=PASSWORD, role=Role.EMPLOYER_OFFICER, office=office
    )
    employer = register_employer(actor=oscar, office=office, name="三重物流股份有限公司")
    create_vacancy(
        actor=oscar,
        employer=employer,
        values={
            "title": "倉管人員",
            "description": "負責點收與盤點",
            "county": "新北市",
            "pay_basis": "monthly",
            "pay_min": 32000,
        },
    )
    login(oscar)

    # when the officer types an ad that excludes an accent
    page.goto(f"{live_server.url}/employers/vacancies/new/")
    live = page.locator("#adcheck-live")
    live.locator("text=輸入職缺名稱與工作內容時").wait_for()
    page.get_by_label("薪資下限").fill("32000")
    page.get_by_label("職缺名稱").press_sequentially("客服專員", delay=20)
    page.get_by_label("工作內容").press_sequentially("電話客服，說話有口音者勿試", delay=20)

    # then the finding appears without saving, with the words and the legal basis
    finding = live.locator("[data-live-finding=language]")
    finding.wait_for()
    assert "口音者勿試" in finding.inner_text()
    assert "第5條" in finding.inner_text()
    screenshot(page, "vacancy-live-check")

    # when the wording is fixed, the check clears while typing (the pay is published)
    page.get_by_label("工作內容").fill("")
    page.get_by_label("工作內容").press_sequentially("電話客服，口齒清晰", delay=20)
    live.locator("[data-live-clean]").wait_for()

    # when the officer saves an ad with the violation after all
    page.get_by_label("工作內容").fill("電話客服，說話有口音者勿試")
    page.get_by_label("雇主").select_option(label="三重物流股份有限公司")
    page.get_by_label("工作縣市").select_option("新北市")
    page.get_by_role("button", name="儲存").click()
    page.locator("[data-finding=language]").wait_for()

    # then the list filter 「有未處理的§5檢核結果」 shows it and not the clean vacancy
    page.goto(f"{live_server.url}/employers/vacancies/")
    assert page.locator("text=倉管人員").count() == 1
    page.get_by_label("有未處理的§5檢核結果").check()
    page.get_by_role("button", name="查詢").click()
    page.wait_for_url("**open_findings=on**")
    table = page.locator("table.list")
    assert table.locator("text=客服專員").count() == 1
    assert table.locator("text=倉管人員").count() == 0
