"""A case moves to another centre, in a real browser: centre A's supervisor asks, centre C's
supervisor finds it in 「移入個案」, accepts and names the counsellor; the case is C's (the row
checked in the database, not the message), at 768 px too."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _login(browser, live_server, user, width=1280):
    from tests.conftest import PASSWORD

    context = browser.new_context(locale="zh-TW", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("帳號").fill(user.username)
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_a_case_moves_to_another_centre(browser, live_server, personas, offices, reference_data):
    from jobdesk.cases.models import Case, CaseTransfer, TransferStatus
    from tests.cases.factories import make_case

    case = make_case(personas["alice"])
    sam_ctx, page = _login(browser, live_server, personas["sam"])
    page.goto(f"{live_server.url}/cases/{case.public_id}/")
    page.get_by_role("link", name="移轉至其他據點").click()
    # without a reason nothing is sent
    page.get_by_label("移轉至").select_option(label="臺中就業中心")
    page.get_by_role("button", name="送出移轉申請").click()
    assert page.get_by_role("alert").first.is_visible()
    assert not CaseTransfer.objects.exists()
    page.get_by_label("移轉原因").fill("求職者遷居臺中市")
    page.get_by_role("button", name="送出移轉申請").click()
    page.wait_for_url(f"**/cases/{case.public_id}/")
    assert CaseTransfer.objects.get().status == TransferStatus.PENDING
    assert page.get_by_role("link", name="移轉申請中（臺中就業中心）").count() == 1
    sam_ctx.close()

    # centre C's supervisor, on a tablet
    tina_ctx, inbox = _login(browser, live_server, personas["tina"], width=768)
    inbox.goto(f"{live_server.url}/cases/transfers/")
    row = inbox.get_by_role("row", name="王小明")
    assert "三重就業中心" in row.inner_text()
    # stacked at 768 px, each cell still names its column (app.js labels them from the header)
    assert row.locator("td").nth(2).get_attribute("data-label") == "移出據點"
    assert (
        row.locator("td").nth(2).evaluate("td => getComputedStyle(td, '::before').content")
        == '"移出據點："'
    )
    screenshot(inbox, "transfer-inbox-768")
    row.get_by_role("link", name="處理").click()
    inbox.get_by_role("button", name="接收並指派").click()
    assert "請選擇接收後負責的就業服務員" in inbox.get_by_role("alert").first.inner_text()
    assert Case.objects.get(pk=case.pk).office == offices["a"]
    inbox.get_by_label("接收後由誰負責").select_option(label="Charlie")
    inbox.get_by_role("button", name="接收並指派").click()
    inbox.wait_for_url(f"**/cases/{case.public_id}/")
    assert "已接收個案" in inbox.get_by_role("status").first.inner_text()
    moved = Case.objects.get(pk=case.pk)
    assert (moved.office, moved.counsellor) == (offices["c"], personas["charlie"])
    tina_ctx.close()
