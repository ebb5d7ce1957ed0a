"""What the change log says about each closure step, and the wording of the refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import CaseStatus, EmploymentPlan
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import closure_requested, make_case

pytestmark = pytest.mark.django_db


def _event(event_type, case):
    return AuditEvent.objects.get(event_type=event_type, subject_id=str(case.public_id))


def test_each_step_is_logged_with_its_actor_and_details(personas, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    closure = closure_requested(alice)
    case = closure.case
    requested = _event("case.closure_requested", case)
    assert requested.actor == alice
    assert requested.after["reason"] == closure.reason
    services.reject_closure(closure, actor=sam, comment=" 請先完成追蹤 ")
    rejected = _event("case.closure_rejected", case)
    assert rejected.actor == sam
    assert rejected.after["comment"] == "請先完成追蹤"
    case.refresh_from_db()
    again = services.request_closure(
        case,
        actor=alice,
        reason=closure.reason,
        outcome="已自行就業",
        improvement_strategy="提早提供職缺資訊",
    )
    case = services.approve_closure(again, actor=sam)
    assert _event("case.closed", case).actor == sam
    services.reopen_case(case, actor=alice, reason=" 再次求助 ")
    reopened = _event("case.reopened", case)
    assert reopened.actor == alice
    assert reopened.after["reason"] == "再次求助"


def test_refusals_name_the_action(personas, reference_data):
    alice = personas["alice"]
    closure = closure_requested(alice)
    with pytest.raises(ValidationError, match="無法申請結案"):
        services.request_closure(
            closure.case, actor=alice, reason="self_employed", outcome="x", improvement_strategy="y"
        )
    with pytest.raises(ValidationError, match="無法重新開案"):
        services.reopen_case(closure.case, actor=alice, reason="x")


def test_every_missing_record_is_listed(personas, reference_data):
    alice = personas["alice"]
    with pytest.raises(ValidationError) as caught:
        services.request_closure(
            make_case(alice),
            actor=alice,
            reason="lost_contact",
            outcome="失聯",
            improvement_strategy="x",
        )
    assert caught.value.messages == [
        "結案前須完成：已簽核的就業服務需求表（O1.2.1）、就業計畫（T2.1）。"
    ]


def test_reopening_is_refused_with_another_open_case_and_when_stale(personas, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    case = services.approve_closure(closure_requested(alice), actor=sam)
    with pytest.raises(ConcurrentEditError):
        services.reopen_case(case, actor=alice, reason="x", expected_version=case.version - 1)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    services.open_case(case.seeker, actor=alice)
    with pytest.raises(ValidationError) as caught:
        services.reopen_case(case, actor=alice, reason="x")
    assert caught.value.messages == ["此求職者已有其他進行中的個案。"]


def test_a_closed_case_of_the_same_seeker_does_not_block_reopening(personas, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    first = services.approve_closure(closure_requested(alice), actor=sam)
    second = services.open_case(first.seeker, actor=alice)
    second = services.approve_closure(closure_requested(alice, second), actor=sam)
    assert services.reopen_case(first, actor=alice, reason="回來了").status == CaseStatus.ACTIVE


def test_a_case_without_a_plan_reopens_at_the_start(personas, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    case = services.approve_closure(closure_requested(alice), actor=sam)
    EmploymentPlan.objects.filter(case=case).delete()
    assert services.reopen_case(case, actor=alice, reason="重新評估").status == CaseStatus.OPEN


def test_an_approval_without_a_comment_records_none(personas, reference_data):
    closure = closure_requested(personas["alice"])
    services.approve_closure(closure, actor=personas["sam"])
    closure.refresh_from_db()
    assert closure.decision_comment == ""
