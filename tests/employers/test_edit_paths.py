"""Every edit path saves what was submitted: a form bound to the instance must not hide the change.

A ModelForm copies the submitted values onto its instance during ``is_valid()``; a service that
compared old and new against that instance saw no difference, saved nothing, resolved the §5
findings and bumped the version (issue 10, item 1). These tests go through the views and read the
rows back from the database.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobdesk.audit.models import AuditEvent
from jobdesk.employers.models import Employer, FindingStatus, Vacancy, VacancyStatus

pytestmark = pytest.mark.django_db


def _form(vacancy: Vacancy, **values):
    data = {
        "title": vacancy.title,
        "description": vacancy.description,
        "headcount": vacancy.headcount,
        "county": "新北市",
        "pay_basis": "monthly",
        "pay_min": vacancy.pay_min,
        "pay_max": vacancy.pay_max or "",
        "experience_years": 0,
        "version": vacancy.version,
    }
    data.update(values)
    return data


def test_editing_a_discriminatory_ad_saves_the_clean_text(make_vacancy, client_for, personas):
    # given a draft whose title and description break §5
    vacancy = make_vacancy(title="廚房助手（限男性，45歲以下）", description="限男，需搬重物。")
    assert vacancy.findings.filter(status=FindingStatus.OPEN).exists()
    client = client_for(personas["oscar"])
    # when the officer cleans the text and changes headcount and pay
    response = client.post(
        reverse("employers:vacancy_edit", args=[vacancy.public_id]),
        _form(
            vacancy, title="廚房助手", description="協助備料與清潔。", headcount=3, pay_min=34000
        ),
    )
    # then the row holds the new values, the findings are resolved because the text changed
    assert response.status_code == 302
    row = Vacancy.objects.get(pk=vacancy.pk)
    assert row.title == "廚房助手"
    assert row.description == "協助備料與清潔。"
    assert row.headcount == 3
    assert row.pay_min == 34000
    assert row.version == vacancy.version + 1
    assert not row.findings.filter(status=FindingStatus.OPEN).exists()
    event = AuditEvent.objects.filter(event_type="vacancy.updated").latest("id")
    assert event.before["title"] == "廚房助手（限男性，45歲以下）"
    assert event.after["title"] == "廚房助手"


def test_an_edit_that_keeps_the_discriminatory_text_keeps_it_closed(
    make_vacancy, client_for, personas
):
    # given a discriminatory draft
    vacancy = make_vacancy(title="廚房助手（限男性，45歲以下）", description="需搬重物。")
    client = client_for(personas["oscar"])
    # when only the headcount is changed
    client.post(
        reverse("employers:vacancy_edit", args=[vacancy.public_id]), _form(vacancy, headcount=2)
    )
    # then the findings stay open and the vacancy cannot be opened
    row = Vacancy.objects.get(pk=vacancy.pk)
    assert row.headcount == 2
    assert row.findings.filter(status=FindingStatus.OPEN, severity="violation").exists()
    client.post(reverse("employers:vacancy_status", args=[vacancy.public_id]), {"status": "open"})
    assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.DRAFT


def test_an_unchanged_form_saves_nothing_and_says_so(make_vacancy, client_for, personas):
    vacancy = make_vacancy()
    events = AuditEvent.objects.count()
    response = client_for(personas["oscar"]).post(
        reverse("employers:vacancy_edit", args=[vacancy.public_id]), _form(vacancy), follow=True
    )
    assert "職缺內容沒有變更" in response.content.decode()
    assert Vacancy.objects.get(pk=vacancy.pk).version == vacancy.version
    assert AuditEvent.objects.count() == events


def test_employer_edit_saves_and_logs_the_true_before(employer, client_for, personas):
    client = client_for(personas["oscar"])
    response = client.post(
        reverse("employers:employer_edit", args=[employer.public_id]),
        {
            "name": "三重精密工業股份有限公司",
            "ubn": employer.ubn,
            "address": "長安街 88 號",
            "version": employer.version,
        },
    )
    assert response.status_code == 302
    row = Employer.objects.get(pk=employer.pk)
    assert row.name == "三重精密工業股份有限公司"
    assert row.address == "長安街 88 號"
    event = AuditEvent.objects.filter(event_type="employer.updated").latest("id")
    assert event.before["name"] == "三重精密股份有限公司"
    assert event.after["name"] == "三重精密工業股份有限公司"
