"""A counsellor takes a person from an outreach lead to a closed case; the supervisor approves."""

from __future__ import annotations

import pytest

from jobdesk.audit.models import AccessEvent
from jobdesk.cases.models import Case, CaseStatus
from tests.browser.conftest import screenshot
from tests.cases.factories import national_id

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(page, values):
    for name, value in values.items():
        page.locator(f"[name={name}]").fill(value)


def _go(page, locator):
    with page.expect_navigation():
        locator.click()


def _save(page):
    _go(page, page.get_by_role("button", name="儲存"))


def _ok(page, text):
    assert page.locator(".msg-success").first.inner_text().startswith(text), page.url


def test_lead_to_closed_case(page, live_server, personas, login, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    login(alice)
    # T1.1: an event, and a lead captured at it with three big fields
    page.goto(f"{live_server.url}/cases/outreach/")
    _go(page, page.get_by_role("link", name="新增宣導活動／就業博覽會"))
    _fill(page, {"title": "三重就業博覽會", "held_on": "2024-05-01", "place": "三重區公所"})
    page.locator("[name=kind]").select_option("job_fair")
    _save(page)
    _fill(page, {"name": "陳美華", "phone": "0911222333", "interest": "倉儲理貨"})
    screenshot(page, "case-lead-capture")
    _go(page, page.get_by_role("button", name="登錄"))
    _ok(page, "已登錄")
    # the lead becomes a job seeker and a case without retyping name and phone
    _go(page, page.get_by_role("link", name="求職登記"))
    assert page.locator("[name=name]").input_value() == "陳美華"
    _fill(
        page,
        {
            "national_id": "A123456780",  # wrong check digit first
            "township": "台北市大安區",
            "desired_occupations": "9330",
            "desired_townships": "新北市三重區",
        },
    )
    _save(page)
    errors = " ".join(page.locator(".error").all_inner_texts())
    assert "檢查碼不符" in errors
    assert "請確認已告知個資蒐集事項" in errors  # the PDPA Art. 8 notice, required at collection
    page.locator("[name=notice_method]").select_option("oral_and_paper")
    page.locator("[name=national_id]").fill(national_id(8080))
    _save(page)
    _ok(page, "已完成求職登記並開案")
    case = Case.objects.get()
    case_url = page.url
    # T1.2: the needs assessment (O1.2.1), with the labour-market panel, then signed
    _go(page, page.get_by_role("link", name="填寫需求表"))
    assert page.locator(".market-panel").count() == 1
    _fill(
        page,
        {
            "help_requested": "希望找倉儲工作",
            "service_explained": "說明推介與職訓",
            "competency_vs_market": "三重區倉儲職缺多",
        },
    )
    _save(page)
    _go(page, page.get_by_role("button", name="簽核"))
    _ok(page, "已簽核")
    # T1.3 and T2.1
    _go(page, page.get_by_role("link", name="確認就業目標"))
    _fill(page, {"employment_goals": "三個月內找到倉儲理貨工作"})
    _save(page)
    _go(page, page.get_by_role("link", name="訂定就業計畫"))
    assert page.locator("[name=target_occupations]").input_value() == "9330"
    _fill(page, {"strategy": "每週投遞 5 份履歷"})
    _save(page)
    _ok(page, "已儲存")
    screenshot(page, "case-detail-active")
    # 服務紀錄 counted against the standard
    _go(page, page.get_by_role("link", name="新增服務紀錄"))
    page.locator("[name=kind]").select_option("phone")
    page.locator("[name=task_code]").select_option("T3.1")
    page.locator("[name=indicator_codes][value='P3.1.1']").check()
    _fill(page, {"notes": "提供倉儲職缺資訊", "duration_minutes": "15"})
    _save(page)
    _ok(page, "已儲存")
    # placement → follow-up
    _go(page, page.get_by_role("link", name="登錄就業"))
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    _fill(page, {"employer_label": "大同物流", "vacancy_label": "理貨員", "pay": "32000"})
    page.locator("[name=start_date]").fill(today)
    _save(page)
    _ok(page, "已登錄就業")
    _go(page, page.get_by_role("link", name="記錄追蹤").first)
    page.locator("[name=still_employed][value=yes]").check()
    _fill(page, {"pay": "32000"})
    _save(page)
    # the 1-month follow-up recorded on the first day is asked about: she confirms
    assert "比預定日早" in page.locator(".error").first.inner_text()
    page.get_by_label("我已了解這次追蹤早於預定日，仍要記錄").check()
    _save(page)
    _ok(page, "已記錄就業追蹤")
    # the O1.2.1 print page, with signature lines; the print is logged
    _go(page, page.get_by_role("link", name="列印").first)
    assert page.get_by_role("heading", name="就業服務需求表（O1.2.1）").count() == 1
    assert page.locator(".signature-block div").count() == 3
    screenshot(page, "case-print-o121")
    assert AccessEvent.objects.filter(action="print", subject_id=str(case.seeker.public_id))
    # closure request (O3.4.1)
    page.goto(case_url)
    _go(page, page.get_by_role("link", name="申請結案"))
    page.locator("[name=reason]").select_option("placed_by_referral")
    _fill(page, {"outcome": "穩定就業", "improvement_strategy": "提早安排面試練習"})
    # the 3- and 6-month follow-ups are still to come: the form says so, and she confirms
    assert "2 次就業追蹤未完成" in page.get_by_role("note").inner_text()
    _save(page)
    page.get_by_label("我已了解尚有未結束的轉介或追蹤，仍要申請結案").check()
    _save(page)
    _ok(page, "已送出結案申請")
    # the supervisor approves
    _go(page, page.get_by_role("button", name="登出"))
    login(sam)
    # the home page loads the office's caseload (htmx) with the case awaiting closure
    assert "結案待核" in page.locator("#caseload-panel").inner_text()
    page.goto(f"{live_server.url}/cases/closures/")
    _go(page, page.get_by_role("link", name="審核"))
    screenshot(page, "case-closure-approval")
    _go(page, page.get_by_role("button", name="核定結案"))
    _ok(page, "已核定結案")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    page.goto(case_url)
    _go(page, page.get_by_role("link", name="列印").last)
    assert page.get_by_role("heading", name="結案紀錄（O3.4.1）").count() == 1
    screenshot(page, "case-print-o341")
