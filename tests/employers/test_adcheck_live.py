"""§5 in the officer's screens beyond the edit: the live check, the open-findings filter and the
bulk re-check of open vacancies after the rules change."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jobdesk.audit.models import AuditEvent
from jobdesk.employers.models import (
    AdRecheckRun,
    FindingStatus,
    RecheckStatus,
    Vacancy,
    VacancyFinding,
    VacancyStatus,
)
from jobdesk.employers.services import change_vacancy_status, override_finding, register_employer
from jobdesk.employers.services.compliance import start_ad_recheck

pytestmark = pytest.mark.django_db


def _live(client: Any, **data: str) -> Any:
    return client.post(reverse("employers:vacancy_check_text"), data, HTTP_HX_REQUEST="true")


def test_live_check_returns_the_findings_of_the_text_being_typed(
    reference_data: None, client_for: Any, personas: dict[str, Any]
) -> None:
    # given an officer typing an ad
    client = client_for(personas["oscar"])
    events = AuditEvent.objects.count()
    # when the title and description are posted
    response = _live(client, title="櫃檯小姐", description="說話有口音者勿試，月薪32000")
    # then both findings come back as a partial, with the words and the legal basis
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-live-finding="sex"' in html
    assert 'data-live-finding="language"' in html
    assert "口音者勿試" in html
    assert "就業服務法第5條第1項（語言）" in html
    # and nothing is saved or logged: it is a preview
    assert VacancyFinding.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_live_check_of_a_lawful_ad_says_so(reference_data, client_for, personas) -> None:
    html = _live(
        client_for(personas["sam"]), title="作業員", description="男女不拘，有堆高機證照佳"
    ).content.decode()
    assert "data-live-clean" in html
    assert "data-live-finding" not in html


def test_live_check_reads_the_structured_pay(reference_data, client_for, personas) -> None:
    client = client_for(personas["oscar"])
    hidden = _live(client, title="助理", description="文書處理", pay_basis="negotiable")
    shown = _live(
        client, title="助理", description="文書處理", pay_basis="monthly", pay_min="32000"
    )
    assert 'data-live-finding="pay_undisclosed"' in hidden.content.decode()
    assert "data-live-finding" not in shown.content.decode()


@pytest.mark.parametrize("persona", ["alice", "adam", "audrey"])
def test_live_check_is_for_officers_only(reference_data, client_for, personas, persona) -> None:
    assert _live(client_for(personas[persona]), title="限男").status_code == 403


def test_the_vacancy_form_carries_the_live_check(reference_data, client_for, personas) -> None:
    html = client_for(personas["oscar"]).get(reverse("employers:vacancy_create")).content.decode()
    assert reverse("employers:vacancy_check_text") in html
    assert "keyup changed delay:500ms" in html
    assert "<script>" not in html  # CSP: no inline script


def test_filter_open_findings_lists_only_vacancies_with_unhandled_findings(
    make_vacancy, client_for, personas, oscar
) -> None:
    # given one ad with an open finding, one whose finding was overruled, and a clean one
    flagged = make_vacancy(title="甲職缺", description="限男，需搬運重物。")
    overruled = make_vacancy(title="乙職缺", description="負責女湯清潔，限女性。")
    override_finding(overruled.findings.get(), actor=oscar, reason="女湯清潔屬職務真實必要")
    make_vacancy(title="丙職缺")
    # when the officer ticks 「有未處理的§5檢核結果」
    html = (
        client_for(personas["oscar"])
        .get(reverse("employers:vacancy_list"), {"open_findings": "on"})
        .content.decode()
    )
    # then only the ad with an open finding is listed
    assert "有未處理的§5檢核結果" in html
    assert flagged.title in html
    assert overruled.title not in html
    assert "丙職缺" not in html


def _open(vacancy: Vacancy, oscar: Any) -> Vacancy:
    return change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)


def test_bulk_recheck_applies_new_rules_to_open_vacancies_in_scope(
    make_vacancy,
    oscar,
    personas,
    offices,
    django_capture_on_commit_callbacks,
) -> None:
    # given open vacancies checked under the old rules: one ad the new rules flag (the text is
    # written straight to the row, as the old checker let it through), one with a finding the
    # new rules no longer make, one clean; and an open vacancy of another centre
    accent = _open(make_vacancy(title="客服"), oscar)
    Vacancy.objects.filter(pk=accent.pk).update(description="說話有口音者勿試")
    stale = _open(make_vacancy(title="門市"), oscar)
    VacancyFinding.objects.create(
        vacancy=stale,
        office=stale.office,
        ground="religion",
        words="聚會",
        basis="就業服務法第5條第1項（宗教）",
        severity="warning",
        field="description",
        message="舊規則的誤判",
    )
    _open(make_vacancy(title="作業員"), oscar)
    tina = personas["tina"]
    other = register_employer(actor=tina, office=offices["c"], name="臺中精機股份有限公司")
    from jobdesk.employers.services import create_vacancy

    elsewhere = create_vacancy(
        actor=tina,
        employer=other,
        values={"title": "作業員", "county": "臺中市", "pay_basis": "monthly", "pay_min": 32000},
    )
    _open(elsewhere, tina)
    Vacancy.objects.filter(pk=elsewhere.pk).update(description="說話有口音者勿試")

    # when the officer starts a re-check (the task runs on commit)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_ad_recheck(actor=oscar)

    # then every open vacancy in the officer's scope was re-checked, with counts on the run
    run.refresh_from_db()
    assert run.status == RecheckStatus.DONE
    assert (run.progress_done, run.progress_total) == (3, 3)
    assert (run.new_findings, run.resolved_findings, run.vacancies_changed) == (1, 1, 2)
    finding = accent.findings.get(status=FindingStatus.OPEN)
    assert (finding.ground, finding.severity) == ("language", "violation")
    assert stale.findings.get().status == FindingStatus.RESOLVED
    accent.refresh_from_db()
    assert not accent.is_recommendable()[0]
    assert accent.status == VacancyStatus.OPEN  # left open: the officer decides what to do
    # and the other centre's vacancy was not touched
    assert not elsewhere.findings.exists()
    # and it is audited: the start, each changed vacancy, the end
    kinds = list(
        AuditEvent.objects.filter(
            event_type__in=[
                "vacancy.recheck_started",
                "vacancy.checked",
                "vacancy.recheck_finished",
            ]
        )
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert kinds[0] == "vacancy.recheck_started"
    assert kinds[-1] == "vacancy.recheck_finished"
    assert kinds.count("vacancy.checked") >= 2


def test_recheck_pages_show_a_progress_bar_that_polls_until_done(
    make_vacancy, client_for, personas, oscar, django_capture_on_commit_callbacks
) -> None:
    client = client_for(oscar)
    _open(make_vacancy(), oscar)
    # given a queued run (its task has not run yet)
    run = start_ad_recheck(actor=oscar)
    progress = reverse("employers:recheck_progress", args=[run.public_id])
    html = client.get(reverse("employers:recheck_detail", args=[run.public_id])).content.decode()
    assert "<progress" in html
    assert 'hx-trigger="every 1s"' in html
    # when it has run
    from jobdesk.employers.services.compliance import execute_ad_recheck

    execute_ad_recheck(AdRecheckRun.objects.get(pk=run.pk))
    # then the partial shows the result and stops polling
    html = client.get(progress).content.decode()
    assert 'data-status="done"' in html
    assert "hx-trigger" not in html
    assert "1／1" in html


def test_starting_a_recheck_from_the_page(make_vacancy, client_for, oscar) -> None:
    _open(make_vacancy(), oscar)
    client = client_for(oscar)
    page = client.get(reverse("employers:recheck_start")).content.decode()
    assert "data-open-count>1<" in page
    response = client.post(reverse("employers:recheck_start"))
    run = AdRecheckRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:recheck_detail", args=[run.public_id])
    assert run.started_by == oscar


def test_counsellor_cannot_start_a_recheck(reference_data, client_for, personas) -> None:
    assert client_for(personas["alice"]).post(reverse("employers:recheck_start")).status_code == 403
    assert not AdRecheckRun.objects.exists()
