"""Every transition of the case state machine, and its refusal paths."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import CaseStatus, ClosureStatus, FollowUp, NeedsAssessment
from jobdesk.cases.services.casework import add_months
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import (
    ASSESSMENT,
    assessed,
    closure_requested,
    confirmed,
    make_case,
    make_seeker,
    placed,
    planned,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def test_open_case_once_per_seeker(personas, reference_data):
    # given
    seeker = make_seeker(personas["alice"])
    case = services.open_case(seeker, actor=personas["alice"])
    # when / then
    assert case.status == CaseStatus.OPEN
    assert case.office == seeker.office
    assert AuditEvent.objects.filter(event_type="case.opened", subject_id=str(case.public_id))
    with pytest.raises(ValidationError, match="進行中的個案"):
        services.open_case(seeker, actor=personas["bob"])


def test_assessment_versions_and_sign_off(personas, reference_data):
    # given
    alice = personas["alice"]
    case = make_case(alice)
    data = ASSESSMENT | {"interviewed_on": TODAY()}
    # when
    first = services.record_needs_assessment(case, actor=alice, data=data)
    second = services.record_needs_assessment(
        case, actor=alice, data=data | {"help_requested": "x"}
    )
    # then: a new version each time, the case is being assessed; only the latest can be signed
    case.refresh_from_db()
    assert (first.number, second.number, case.status) == (1, 2, CaseStatus.ASSESSING)
    with pytest.raises(ValidationError, match="最新版本"):
        services.sign_needs_assessment(first, actor=alice)
    services.sign_needs_assessment(second, actor=alice)
    with pytest.raises(ValidationError, match="已簽核"):
        services.sign_needs_assessment(second, actor=alice)
    assert NeedsAssessment.objects.get(pk=second.pk).signed_by == alice


def test_only_the_cases_counsellor_signs(personas, reference_data):
    case = make_case(personas["alice"])
    a = services.record_needs_assessment(
        case, actor=personas["alice"], data=ASSESSMENT | {"interviewed_on": TODAY()}
    )
    with pytest.raises(PermissionDenied):
        services.sign_needs_assessment(a, actor=personas["bob"])


def test_assessment_refuses_a_future_interview_and_missing_parts(personas, reference_data):
    alice = personas["alice"]
    case = make_case(alice)
    with pytest.raises(ValidationError) as exc:
        services.record_needs_assessment(
            case, actor=alice, data=ASSESSMENT | {"interviewed_on": TODAY() + datetime.timedelta(1)}
        )
    assert "晚於今天" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.record_needs_assessment(
            case, actor=alice, data={"interviewed_on": TODAY(), "help_requested": "x"}
        )
    assert "service_explained" in exc.value.message_dict
    assert not NeedsAssessment.objects.exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_confirmation_needs_a_signed_assessment(personas, reference_data):
    alice = personas["alice"]
    case = make_case(alice)
    services.record_needs_assessment(
        case, actor=alice, data=ASSESSMENT | {"interviewed_on": TODAY()}
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="簽核"):
        services.confirm_needs(
            case, actor=alice, data={"employment_goals": "x", "confirmed_on": TODAY()}
        )
    case = confirmed(alice, case)
    assert case.status == CaseStatus.PLANNING


def test_plan_starts_the_job_search_and_schedules_the_review(personas, reference_data):
    # given
    alice = personas["alice"]
    # when
    case = planned(alice)
    # then
    assert case.status == CaseStatus.ACTIVE
    assert case.next_review_on == TODAY() + datetime.timedelta(
        days=alice.office.review_interval_days
    )


def test_plan_needs_confirmation_and_an_occupation(personas, reference_data):
    alice = personas["alice"]
    case = assessed(alice)
    with pytest.raises(ValidationError):
        services.save_plan(case, actor=alice, data={"strategy": "x", "agreed_on": TODAY()})
    case = confirmed(alice, case)
    with pytest.raises(ValidationError) as exc:
        services.save_plan(case, actor=alice, data={"strategy": "x", "agreed_on": TODAY()})
    assert "target_occupations" in exc.value.message_dict


def test_review_schedules_the_next_and_refuses_dates_out_of_order(personas, reference_data):
    alice = personas["alice"]
    case = planned(alice)
    data = {
        "reviewed_on": TODAY(),
        "strategy_assessment": "履歷已更新",
        "effectiveness": "面試 2 次",
        "development_plan": "加強面試技巧",
        "agreed_with_seeker": True,
    }
    with pytest.raises(ValidationError, match="晚於本次"):
        services.record_review(case, actor=alice, data=data | {"next_review_on": TODAY()})
    review = services.record_review(case, actor=alice, data=data)
    case.refresh_from_db()
    assert case.next_review_on == review.next_review_on == TODAY() + datetime.timedelta(30)


def test_placement_schedules_follow_ups_at_1_3_6_months(personas, reference_data):
    # given / when
    case = placed(personas["alice"])
    # then
    assert case.status == CaseStatus.PLACED
    dues = list(FollowUp.objects.filter(case=case).values_list("months_after", "due_on"))
    assert dues == [(m, add_months(TODAY(), m)) for m in (1, 3, 6)]


def test_placement_refuses_a_start_before_the_case(personas, reference_data):
    case = planned(personas["alice"])
    with pytest.raises(ValidationError) as exc:
        services.place_case(
            case,
            actor=personas["alice"],
            vacancy_label="理貨員",
            employer_label="大同物流",
            start_date=TODAY() - datetime.timedelta(days=400),
            pay=30000,
            pay_basis="monthly",
        )
    assert "start_date" in exc.value.message_dict
    assert not FollowUp.objects.exists()


def test_follow_up_records_status_and_requires_a_leaving_reason(personas, reference_data):
    alice = personas["alice"]
    case = placed(alice)
    fu = FollowUp.objects.filter(case=case).first()
    with pytest.raises(ValidationError) as exc:
        services.record_follow_up(fu, actor=alice, done_on=TODAY(), still_employed=False)
    assert "leaving_reason" in exc.value.message_dict
    services.record_follow_up(
        fu, actor=alice, done_on=TODAY(), still_employed=True, pay=32000, confirmed=True
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    with pytest.raises(ValidationError, match="已記錄"):
        services.record_follow_up(
            fu, actor=alice, done_on=TODAY(), still_employed=True, pay=1, confirmed=True
        )


def test_closure_without_its_records_is_refused(personas, reference_data):
    alice = personas["alice"]
    case = assessed(alice)
    with pytest.raises(ValidationError, match="就業計畫"):
        services.request_closure(
            case, actor=alice, reason="lost_contact", outcome="失聯", improvement_strategy="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.request_closure(
            case, actor=alice, reason="nope", outcome="", improvement_strategy=""
        )
    assert {"reason", "outcome", "improvement_strategy"} <= set(exc.value.message_dict)
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSING
    assert not case.closures.exists()


def test_supervisor_approves_a_closure(personas, reference_data):
    # given
    closure = closure_requested(personas["alice"])
    assert closure.case.status == CaseStatus.CLOSURE_REQUESTED
    # when: the counsellor cannot approve her own request; the supervisor can
    with pytest.raises(PermissionDenied):
        services.approve_closure(closure, actor=personas["alice"])
    with pytest.raises(PermissionDenied):
        services.approve_closure(closure, actor=personas["tina"])  # another office's supervisor
    case = services.approve_closure(closure, actor=personas["sam"], comment="同意")
    # then
    closure.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    assert closure.status == ClosureStatus.APPROVED
    assert closure.decided_by == personas["sam"]
    with pytest.raises(ValidationError, match="已處理"):
        services.approve_closure(closure, actor=personas["sam"])


def test_supervisor_rejects_a_closure_with_a_reason(personas, reference_data):
    closure = closure_requested(personas["alice"])
    with pytest.raises(ValidationError):
        services.reject_closure(closure, actor=personas["sam"], comment=" ")
    case = services.reject_closure(closure, actor=personas["sam"], comment="請先完成追蹤")
    assert case.status == CaseStatus.ACTIVE


def test_a_closed_case_reopens_with_a_reason(personas, reference_data):
    closure = closure_requested(personas["alice"])
    case = services.approve_closure(closure, actor=personas["sam"])
    with pytest.raises(ValidationError):
        services.reopen_case(case, actor=personas["alice"], reason="")
    case = services.reopen_case(case, actor=personas["alice"], reason="求職者再次求助")
    closure.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert case.closed_at is None
    assert closure.reopen_reason == "求職者再次求助"
    with pytest.raises(ValidationError):
        services.reopen_case(case, actor=personas["alice"], reason="again")


def test_reassign_by_the_supervisor_within_the_office(personas, reference_data):
    case = make_case(personas["alice"])
    with pytest.raises(PermissionDenied):
        services.reassign_case(case, actor=personas["alice"], counsellor=personas["bob"])
    with pytest.raises(ValidationError):
        services.reassign_case(case, actor=personas["sam"], counsellor=personas["charlie"])
    case = services.reassign_case(case, actor=personas["sam"], counsellor=personas["bob"])
    assert case.counsellor == personas["bob"]
    assert AuditEvent.objects.get(event_type="case.reassigned").after == {"counsellor": "bob"}


def test_a_transition_on_a_stale_case_is_refused(personas, reference_data):
    # given: alice opened the form at version 1, then sam reassigned the case
    alice = personas["alice"]
    case = make_case(alice)
    services.reassign_case(case, actor=personas["sam"], counsellor=personas["bob"])
    # when / then
    stale = type(case).objects.get(pk=case.pk)
    with pytest.raises(ConcurrentEditError):
        services.record_needs_assessment(
            stale, actor=alice, data=ASSESSMENT | {"interviewed_on": TODAY()}, expected_version=1
        )
    assert not NeedsAssessment.objects.exists()


def test_transitions_are_refused_outside_scope(personas, reference_data):
    case = make_case(personas["alice"])
    with pytest.raises(PermissionDenied):
        services.record_needs_assessment(
            case, actor=personas["charlie"], data=ASSESSMENT | {"interviewed_on": TODAY()}
        )
    with pytest.raises(PermissionDenied):
        services.place_case(
            case,
            actor=personas["oscar"],
            vacancy_label="x",
            employer_label="y",
            start_date=timezone.localdate(),
            pay=1,
            pay_basis="monthly",
        )
