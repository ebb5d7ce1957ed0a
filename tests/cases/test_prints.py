"""Print pages for the seeker to sign (issue 10, item 17): 求職登記表 and 就業計畫書 on A4 with
signature lines, every print logged; dates in 民國 years (JOBDESK_ROC_DATES)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from jobdesk.common.templatetags.jobdesk_text import form_date
from tests.cases.factories import make_case, planned

pytestmark = pytest.mark.django_db


def test_form_dates_are_in_roc_years_unless_switched_off(settings):
    day = datetime.date(2026, 12, 3)
    settings.JOBDESK_ROC_DATES = True
    assert form_date(day) == "民國 115 年 12 月 3 日"
    settings.JOBDESK_ROC_DATES = False
    assert form_date(day) == "2026-12-03"
    assert form_date(None) == ""


def test_registration_form_prints_for_signing_and_logs_the_print(
    client_for, personas, reference_data
):
    # given a registered seeker
    case = make_case(personas["alice"], birth_date=datetime.date(1980, 5, 1))
    seeker = case.seeker
    # when her counsellor prints the 求職登記表
    html = (
        client_for(personas["alice"])
        .get(reverse("cases:seeker_print", args=[seeker.public_id]))
        .content.decode()
    )
    # then the sheet has her registration, dates in 民國 years, masked ID and signature lines
    assert "<h1>求職登記表</h1>" in html
    assert "民國 69 年 5 月 1 日" in html
    assert seeker.national_id_masked in html
    assert "4110 " in html
    assert '<div class="signature-block"><div>求職者簽名</div>' in html
    # and no PDPA Art. 6 data is printed
    assert "家中主要收入來源" not in html
    assert AccessEvent.objects.filter(
        subject_id=str(seeker.public_id), action="print", what="列印求職登記表"
    ).exists()


def test_employment_plan_prints_for_signing(client_for, personas, reference_data):
    case = planned(personas["alice"])
    client = client_for(personas["alice"])
    detail = client.get(reverse("cases:case_detail", args=[case.public_id])).content.decode()
    url = reverse("cases:plan_print", args=[case.public_id])
    assert url in detail
    html = client.get(url).content.decode()
    assert "就業計畫書" in html
    assert "三個月內找到倉儲理貨工作" in html  # the agreed goal
    assert "每週投遞 5 份履歷" in html
    assert "民國 " in html
    assert '<div class="signature-block"><div>求職者簽名</div>' in html
    assert AccessEvent.objects.filter(action="print", what="列印就業計畫書").exists()


def test_plan_print_of_a_case_without_a_plan_is_404(client_for, personas, reference_data):
    case = make_case(personas["alice"])
    response = client_for(personas["alice"]).get(reverse("cases:plan_print", args=[case.public_id]))
    assert response.status_code == 404
