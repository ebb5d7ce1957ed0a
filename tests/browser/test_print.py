"""Print pages on A4 (issue 10, item 12): tables stay tables, the signed consent shows its
signature on the page and on paper."""

from __future__ import annotations

import pytest

from tests.privacy.factories import make_referral, sign

pytestmark = pytest.mark.django_db(transaction=True)

A4 = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 px per inch


def _layout_of_first_table(page, selector):
    return page.evaluate(
        """(selector) => {
          const table = document.querySelector(selector);
          const cell = table.querySelector("tbody td");
          const head = table.querySelector("thead");
          return {
            cell: getComputedStyle(cell).display,
            head: head ? getComputedStyle(head).display : "table-header-group",
          };
        }""",
        selector,
    )


def test_referral_packet_and_signed_consent_print_on_a4(
    browser, live_server, personas, reference_data, settings, tmp_path
):
    from tests.conftest import PASSWORD

    # given a referral whose consent was signed on the tablet
    settings.MEDIA_ROOT = tmp_path
    alice = personas["alice"]
    referral = make_referral(alice)
    sign(referral, alice)
    context = browser.new_context(locale="zh-TW", viewport=A4)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill("alice")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    page.emulate_media(media="print")
    # when the 轉介單 is printed, its rows stay table rows
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/packet/")
    assert _layout_of_first_table(page, "[data-testid=packet]")["cell"] == "table-cell"
    # when the consent is opened and printed, the signature is shown above the line
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/consent/")
    image = page.get_by_role("img", name="求職者簽名（平板簽名）")
    assert image.is_visible()
    assert page.evaluate("document.querySelector('.signature-image').naturalWidth") > 0, (
        "the signature image loads (CSP, scope, decryption)"
    )
    page.emulate_media(media="screen")
    assert image.is_visible()
    context.close()


def test_labour_market_pay_table_prints_as_a_table(browser, live_server, personas, reference_data):
    from jobdesk.employers.models import VacancyStatus
    from jobdesk.employers.services import change_vacancy_status, create_vacancy
    from jobdesk.employers.services.employers import register_employer
    from jobdesk.taxonomy.models import Occupation
    from tests.conftest import PASSWORD

    # given open vacancies of an occupation, and a counsellor at an A4-wide print
    oscar = personas["oscar"]
    employer = register_employer(actor=oscar, office=oscar.office, name="三重精密股份有限公司")
    for low in (30000, 34000):
        vacancy = create_vacancy(
            actor=oscar,
            employer=employer,
            values={
                "title": "作業員",
                "description": "操作機台、品質檢查。",
                "county": "新北市",
                "occupation": Occupation.objects.get(code="5220"),
                "pay_basis": "monthly",
                "pay_min": low,
                "pay_max": low + 2000,
            },
        )
        change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    context = browser.new_context(locale="zh-TW", viewport=A4)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill("alice")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    page.emulate_media(media="print")
    # when she prints the market figures
    page.goto(f"{live_server.url}/employers/market/?occupation=52")
    layout = _layout_of_first_table(page, ".market-panel table.list")
    # then the pay table keeps its header and its columns
    assert layout == {"cell": "table-cell", "head": "table-header-group"}
    context.close()
