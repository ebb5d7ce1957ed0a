"""Views of jobdesk.cases: forms call the services, errors are shown, reads are logged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AccessEvent
from jobdesk.cases.models import Case, CaseStatus, JobSeeker, Lead
from tests.cases.factories import closure_requested, make_case, national_id, placed

pytestmark = pytest.mark.django_db


def _seeker_form(**extra):
    return {
        "name": "張雅婷",
        "national_id": national_id(42),
        "township": "台北市大安區",
        "pay_basis": "monthly",
        "notice_method": "oral_and_paper",
        "desired_occupations": "4110、5220",
        "desired_townships": "新北市三重區",
        "shifts": ["day"],
    } | extra


def test_registration_with_a_bad_id_shows_the_error_and_saves_nothing(
    client_for, personas, reference_data
):
    # given
    client = client_for(personas["alice"])
    # when
    response = client.post(reverse("cases:seeker_create"), _seeker_form(national_id="A123456780"))
    # then
    assert response.status_code == 200
    assert "檢查碼不符" in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_registration_resolves_places_and_codes(client_for, personas, reference_data):
    client = client_for(personas["alice"])
    response = client.post(reverse("cases:seeker_create"), _seeker_form())
    seeker = JobSeeker.objects.get()
    assert response.status_code == 302
    assert seeker.township.full_name == "臺北市大安區"
    assert sorted(o.code for o in seeker.desired_occupations.all()) == ["4110", "5220"]


def test_case_detail_logs_the_read_and_flags_outside_caseload(client_for, personas, reference_data):
    # given: alice's case, read by bob (same office, not his case)
    case = make_case(personas["alice"])
    client = client_for(personas["bob"])
    url = reverse("cases:case_detail", args=[case.public_id])
    # when he opens it, he is asked for a reason and nothing of the record is read yet
    assert "調閱理由" in client.get(url).content.decode()
    assert not AccessEvent.objects.filter(subject_id=str(case.seeker.public_id)).exists()
    # when he states one, the reason is logged, flagged, and every read after it is flagged too
    client.post(url, {"outside_caseload_reason": "代理承辦人處理來電"})
    assert client.get(url).status_code == 200
    events = AccessEvent.objects.filter(subject_id=str(case.seeker.public_id)).order_by("id")
    assert [(e.action, e.actor, e.outside_caseload) for e in events] == [
        ("view", personas["bob"], True),
        ("view", personas["bob"], True),
    ]
    assert events[0].reason == "代理承辦人處理來電"


def test_print_pages_log_a_print(client_for, personas, reference_data):
    case = placed(personas["alice"])
    client = client_for(personas["alice"])
    url = reverse("cases:assessment_print", args=[case.assessments.get().public_id])
    response = client.get(url)
    assert "就業服務需求表（O1.2.1）" in response.content.decode()
    assert "signature-block" in response.content.decode()
    assert AccessEvent.objects.filter(action="print", actor=personas["alice"]).count() == 1


def test_a_stale_form_shows_the_concurrent_edit_message(client_for, personas, reference_data):
    # given: alice opens the assessment form at version 1; sam reassigns the case meanwhile
    from jobdesk.cases import services

    case = make_case(personas["alice"])
    services.reassign_case(case, actor=personas["sam"], counsellor=personas["bob"])
    # when
    response = client_for(personas["alice"]).post(
        reverse("cases:assessment_create", args=[case.public_id]),
        {
            "version": "1",
            "interviewed_on": timezone.localdate().isoformat(),
            "help_requested": "a",
            "service_explained": "b",
            "competency_vs_market": "c",
        },
    )
    # then
    assert response.status_code == 200
    assert "已被其他人修改" in response.content.decode()


def test_supervisor_approves_in_the_browser_flow(client_for, personas, reference_data):
    closure = closure_requested(personas["alice"])
    client = client_for(personas["sam"])
    listing = client.get(reverse("cases:closures_pending"))
    assert closure.case.seeker.name in listing.content.decode()
    response = client.post(
        reverse("cases:closure_decide", args=[closure.public_id]),
        {"decision": "approve", "comment": "同意"},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=closure.case.pk).status == CaseStatus.CLOSED


def test_the_loser_of_a_double_approval_is_told_it_was_decided(
    client_for, personas, reference_data
):
    # given a closure that a supervisor approves while the same page is open in a second tab
    closure = closure_requested(personas["alice"])
    first, second = client_for(personas["sam"]), client_for(personas["sam"])
    url = reverse("cases:closure_decide", args=[closure.public_id])
    first.post(url, {"decision": "approve", "comment": "同意"})
    # when the second tab approves (or rejects) too
    response = second.post(url, {"decision": "reject", "comment": "補件"}, follow=True)
    # then it is told, and the decision stands
    assert "此結案申請已處理過" in response.content.decode()
    assert Case.objects.get(pk=closure.case.pk).status == CaseStatus.CLOSED


def test_caseload_lists_own_cases_for_counsellors_and_the_office_for_supervisors(
    client_for, personas, reference_data
):
    mine = make_case(personas["alice"])
    other = make_case(personas["bob"])
    alice_page = client_for(personas["alice"]).get(reverse("cases:caseload")).content.decode()
    assert mine.seeker.name in alice_page
    assert str(other.public_id) not in alice_page
    sam_page = client_for(personas["sam"]).get(reverse("cases:caseload")).content.decode()
    assert str(mine.public_id) in sam_page
    assert str(other.public_id) in sam_page


def test_lead_converts_without_retyping(client_for, personas, reference_data):
    from jobdesk.cases import services

    alice = personas["alice"]
    lead = services.capture_lead(
        actor=alice, office=alice.office, source="walk_in", name="何志強", phone="0922333444"
    )
    client = client_for(alice)
    form = client.get(reverse("cases:lead_convert", args=[lead.public_id])).content.decode()
    assert 'value="何志強"' in form
    assert 'value="0922333444"' in form
    data = _seeker_form(name="何志強", phone="0922333444")
    response = client.post(reverse("cases:lead_convert", args=[lead.public_id]), data)
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).status == "converted"


def test_review_skills_and_step_forms_call_their_services(client_for, personas, reference_data):
    from jobdesk.cases.models import PlanStep, Review, SkillsAssessment
    from tests.cases.factories import planned

    # given
    case = planned(personas["alice"])
    client = client_for(personas["alice"])
    today = timezone.localdate().isoformat()
    # when
    review = client.post(
        reverse("cases:review_create", args=[case.public_id]),
        {
            "version": case.version,
            "reviewed_on": today,
            "strategy_assessment": "a",
            "effectiveness": "b",
            "development_plan": "c",
            "agreed_with_seeker": "on",
        },
    )
    skills = client.post(
        reverse("cases:skills_edit", args=[case.public_id]),
        {
            "resume": "2",
            "interview": "3",
            "channels": "4",
            "self_marketing": "5",
            "networking": "1",
            "assessed_on": today,
        },
    )
    step = client.post(
        reverse("cases:plan_step_add", args=[case.public_id]),
        {"description": "投履歷", "due_on": today, "owner": "求職者"},
    )
    # then
    assert [review.status_code, skills.status_code, step.status_code] == [302, 302, 302]
    assert Review.objects.get().agreed_with_seeker
    assert SkillsAssessment.objects.get().networking == 1
    assert PlanStep.objects.get().owner == "求職者"


def test_registration_records_the_art8_notice_and_requires_it(client_for, personas, reference_data):
    from jobdesk.cases.models import JobSeeker
    from jobdesk.privacy.models import NoticeRecord

    client = client_for(personas["alice"])
    # without the notice: refused with a message, nothing saved
    body = client.post(reverse("cases:seeker_create"), _seeker_form(notice_method="")).content
    assert "請確認已告知個資蒐集事項" in body.decode()
    assert not JobSeeker.objects.exists()
    # with it: the seeker and the notice record, in one transaction
    response = client.post(reverse("cases:seeker_create"), _seeker_form())
    assert response.status_code == 302
    notice = NoticeRecord.objects.get()
    assert (notice.seeker, notice.method, notice.given_by) == (
        JobSeeker.objects.get(),
        "oral_and_paper",
        personas["alice"],
    )
