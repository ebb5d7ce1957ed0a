"""An employer-service officer enters a vacancy with a 限男 ad, sees the §5 finding, fixes the
ad and opens it; then looks up the labour market for the occupation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import screenshot


@pytest.mark.django_db(transaction=True)
def test_vacancy_finding_edit_and_open(page: Any, login: Any, live_server: Any) -> None:
    # given
    from jobdesk.accounts.models import Office, OfficeKind, User
    from jobdesk.accounts.roles import Role
    from jobdesk.employers.services import register_employer
    from jobdesk.taxonomy.loader import load_taxonomies
    from tests.conftest import PASSWORD

    load_taxonomies()
    office = Office.objects.create(code="NB-SC", name="三重就業中心", kind=OfficeKind.CENTRE)
    oscar = User.objects.create_user(
        username="oscar", password=PASSWORD, role=Role.EMPLOYER_OFFICER, office=office
    )
    register_employer(actor=oscar, office=office, name="三重物流股份有限公司", ubn="04595257")
    login(oscar)

    # when: the officer creates a vacancy whose ad says 限男
    page.goto(f"{live_server.url}/employers/vacancies/new/")
    page.get_by_label("雇主").select_option(label="三重物流股份有限公司")
    page.get_by_label("職缺名稱").fill("倉儲理貨員")
    page.get_by_label("工作內容").fill("限男，負責進出貨點收與理貨。")
    page.get_by_label("工作縣市").select_option("新北市")
    page.get_by_label("薪資下限").fill("32000")
    page.get_by_role("button", name="儲存").click()

    # then: the finding is shown with its legal basis
    finding = page.locator("[data-finding=sex]")
    finding.wait_for()
    assert "限男" in finding.inner_text()
    assert "第5條" in finding.inner_text()
    screenshot(page, "vacancy-finding")
    page.get_by_role("button", name="改為開放中").click()
    assert "就業歧視" in page.locator(".messages").inner_text()

    # when: the ad is edited
    page.get_by_role("link", name="修改職缺內容").click()
    page.get_by_label("工作內容").fill("負責進出貨點收與理貨，需搬運 20 公斤貨物。")
    page.get_by_role("button", name="儲存").click()
    page.get_by_role("button", name="改為開放中").click()

    # then: it opens
    page.wait_for_selector("text=職缺狀態已改為「開放中」")
    assert "已修正" in page.locator("[data-finding=sex]").inner_text()

    # and the labour market for its occupation can be looked up
    page.goto(
        f"{live_server.url}/employers/market/?occupation=9&county=%E6%96%B0%E5%8C%97%E5%B8%82"
    )
    assert re.search(r"開放中職缺", page.content())
    screenshot(page, "labour-market")
