"""A counsellor refers a job seeker: assessment, consent signed on the tablet, sent, outcome."""

import pytest

from jobdesk.referrals.models import Referral, ReferralStatus
from tests.browser.conftest import screenshot
from tests.privacy.factories import make_case, make_resource

pytestmark = pytest.mark.django_db(transaction=True)


def test_referral_needs_signed_consent_and_is_tracked_to_an_outcome(
    page, login, live_server, personas, reference_data, settings, tmp_path
):
    # given
    settings.MEDIA_ROOT = tmp_path
    alice = personas["alice"]
    case = make_case(alice)
    resource = make_resource()
    login(alice)
    # when: the assessment (O3.3.1)
    page.goto(f"{live_server.url}/referrals/cases/{case.public_id}/new/")
    page.get_by_label("轉介資源").select_option(str(resource.pk))
    page.get_by_label("求職者狀況評估").fill("肢體障礙，久站困難，求職三個月未果。")
    page.get_by_label("轉介需求").fill("職業輔導評量與職務再設計。")
    page.get_by_label("選擇此資源之理由").fill("職重窗口提供職業輔導評量。")
    page.get_by_label("姓名", exact=True).check()
    page.get_by_label("聯絡電話").check()
    page.get_by_label("轉介評估摘要（狀況與需求）").check()
    page.get_by_label("轉介目的").fill("轉介職業重建服務窗口評估職業重建需求。")
    page.get_by_role("button", name="建立轉介評估").click()
    # then: the consent form, with what goes to whom
    page.wait_for_url("**/consent/")
    text = page.get_by_test_id("consent-text").inner_text()
    assert "身心障礙者職業重建服務窗口" in text
    assert "姓名、聯絡電話" in text
    referral = Referral.objects.get(case=case)
    # the referral cannot be sent yet: no send form, the packet is refused
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/")
    assert page.get_by_role("button", name="送出轉介").count() == 0
    assert "尚未簽署" in page.content()
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/packet/")
    assert "無法提供轉介資料" in page.content()
    # when: explained and signed on the tablet (O3.3.2)
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/consent/")
    page.get_by_label("已向求職者說明轉介流程", exact=False).check()
    canvas = page.locator("[data-signature-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 100)
    page.mouse.down()
    for step in range(1, 20):
        page.mouse.move(box["x"] + 40 + step * 20, box["y"] + 100 - (step % 5) * 15)
    page.mouse.up()
    screenshot(page, "referral-consent")
    page.get_by_role("button", name="確認簽署").click()
    page.wait_for_url(f"**/referrals/{referral.public_id}/")
    # then: it can be sent, and the packet shows only the consented items
    with page.expect_navigation():
        page.get_by_role("button", name="送出轉介").click()
    messages = page.locator(".messages").all_inner_texts()
    assert page.get_by_test_id("referral-status").inner_text() == "已轉介，待回覆", messages
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/packet/")
    packet = page.get_by_test_id("packet").inner_text()
    assert "林美華" in packet
    assert "0912-345-678" in packet
    assert "A123456789" not in packet
    assert "meihua.lin@example.tw" not in packet
    # when: the receiving unit answers, and the outcome is recorded
    page.goto(f"{live_server.url}/referrals/{referral.public_id}/")
    page.locator("#id_reply-reply").select_option("accepted")
    with page.expect_navigation():
        page.get_by_role("button", name="儲存回覆").click()
    page.locator("#id_outcome-outcome").select_option("completed")
    page.locator("#id_outcome-note").fill("已進入支持性就業服務")
    with page.expect_navigation():
        page.get_by_role("button", name="登錄結果").click()
    # then
    assert page.get_by_test_id("referral-status").inner_text() == "已結束"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.consent.signature.read().startswith(b"\x89PNG")
