"""§5 checker in the product: findings block opening and recommending; edit or override clears."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jobdesk.audit.models import AuditEvent
from jobdesk.employers.models import FindingStatus, VacancyStatus
from jobdesk.employers.selectors import servable_vacancies
from jobdesk.employers.services import (
    change_vacancy_status,
    override_finding,
    set_labour_dispute,
    update_vacancy,
)

pytestmark = pytest.mark.django_db


def test_a_sex_requirement_is_a_violation_that_blocks_opening(make_vacancy, oscar):
    # given
    vacancy = make_vacancy(description="限男，需搬運重物。")
    finding = vacancy.findings.get()
    assert (finding.ground, finding.words, finding.severity) == ("sex", "限男", "violation")
    # when / then
    with pytest.raises(ValidationError, match="就業歧視"):
        change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT
    ok, reason = vacancy.is_recommendable()
    assert not ok
    assert "草稿" in reason


def test_editing_the_ad_resolves_the_finding_and_then_it_opens(make_vacancy, oscar):
    # given
    vacancy = make_vacancy(description="限男，需搬運重物。")
    # when
    update_vacancy(
        vacancy,
        actor=oscar,
        expected_version=vacancy.version,
        values={"description": "需搬運重物（20公斤）。"},
    )
    change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    # then
    assert vacancy.findings.get().status == FindingStatus.RESOLVED
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.OPEN
    assert vacancy.is_recommendable() == (True, "")


def test_override_needs_a_reason_and_is_audited(make_vacancy, oscar):
    # given
    vacancy = make_vacancy(title="搜身安檢員", description="限女，負責女性旅客搜身。")
    finding = vacancy.findings.get(severity="violation")
    # when / then: no reason
    with pytest.raises(ValidationError):
        override_finding(finding, actor=oscar, reason=" ")
    # when: with a reason
    override_finding(finding, actor=oscar, reason="女湯更衣室清潔，屬職務真實必要之條件。")
    change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    # then
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OVERRIDDEN
    assert finding.decided_by == oscar
    assert AuditEvent.objects.filter(event_type="vacancy.finding_overridden").exists()


def test_override_of_a_plain_violation_lets_it_open(make_vacancy, oscar):
    # given
    vacancy = make_vacancy(description="限男，需搬運重物。")
    # when
    override_finding(vacancy.findings.get(), actor=oscar, reason="經查雇主已改為不限性別並更正。")
    opened = change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    # then
    assert opened.status == VacancyStatus.OPEN


def test_an_overridden_finding_stays_overridden_when_other_text_changes(make_vacancy, oscar):
    vacancy = make_vacancy(description="限男，需搬運重物。")
    override_finding(vacancy.findings.get(), actor=oscar, reason="經查屬職務必要，記錄在案。")
    update_vacancy(
        vacancy, actor=oscar, expected_version=vacancy.version, values={"title": "搬運作業員"}
    )
    assert list(vacancy.findings.values_list("status", flat=True)) == [FindingStatus.OVERRIDDEN]


def test_warnings_do_not_block(make_vacancy, oscar):
    # given: 良民證 is a warning
    vacancy = make_vacancy(title="保全員", description="需檢附良民證。")
    assert set(vacancy.findings.values_list("severity", flat=True)) == {"warning"}
    # when
    change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    # then
    vacancy.refresh_from_db()
    assert vacancy.is_recommendable()[0]


def test_undisclosed_monthly_pay_is_a_finding(make_vacancy):
    vacancy = make_vacancy(
        pay_basis="negotiable", pay_min=None, pay_max=None, description="薪資面議"
    )
    assert vacancy.findings.filter(ground="pay_undisclosed", severity="violation").exists()


def test_editing_an_open_vacancy_into_a_violation_withdraws_it(make_vacancy, oscar):
    vacancy = make_vacancy()
    change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
    vacancy.refresh_from_db()
    update_vacancy(
        vacancy, actor=oscar, expected_version=vacancy.version, values={"description": "限35歲以下"}
    )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_servable_vacancies_leave_out_disputes_violations_and_closed(make_vacancy, employer, oscar):
    # given
    good = make_vacancy(title="品管員")
    change_vacancy_status(good, actor=oscar, status=VacancyStatus.OPEN)
    bad = make_vacancy(description="限男")
    past = make_vacancy(title="包裝員")
    change_vacancy_status(past, actor=oscar, status=VacancyStatus.OPEN)
    update_vacancy(
        past,
        actor=oscar,
        expected_version=past.version,
        values={"opens_on": None, "closes_on": datetime.date(2020, 1, 1)},
    )
    # then
    assert list(servable_vacancies()) == [good]
    assert bad not in servable_vacancies()
    assert past not in servable_vacancies()
    # when: the employer goes on strike
    set_labour_dispute(employer, actor=oscar, kind="strike", started_on=datetime.date.today())
    good.refresh_from_db()
    # then
    assert list(servable_vacancies()) == []
    ok, reason = good.is_recommendable()
    assert not ok
    assert "第10條" in reason


def test_opening_past_its_closing_date_is_refused(make_vacancy, oscar):
    vacancy = make_vacancy(closes_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="截止"):
        change_vacancy_status(vacancy, actor=oscar, status=VacancyStatus.OPEN)
