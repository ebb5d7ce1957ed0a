"""O3.4.1 結案紀錄 in detail: what a closure records, who decides, and when it may be decided."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import Case, CaseStatus, ClosureReason, ClosureStatus
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import assessed, closure_requested, make_case, planned

pytestmark = pytest.mark.django_db


def _request(case, actor, **values):
    data = {
        "reason": ClosureReason.SELF_EMPLOYED,
        "outcome": "已自行就業",
        "improvement_strategy": "提早提供職缺資訊",
    } | values
    return services.request_closure(case, actor=actor, **data)


def test_the_blockers_name_the_missing_records(personas, reference_data):
    alice = personas["alice"]
    assert services.closure_blockers(make_case(alice)) == [
        "已簽核的就業服務需求表（O1.2.1）",
        "就業計畫（T2.1）",
    ]
    signed = assessed(alice, make_case(alice, national_id="B120000008"))
    assert services.closure_blockers(signed) == ["就業計畫（T2.1）"]
    assert services.closure_blockers(planned(personas["bob"])) == []


def test_a_request_says_what_is_missing(personas, reference_data):
    alice = personas["alice"]
    case = assessed(alice)
    with pytest.raises(ValidationError) as caught:
        _request(case, alice)
    assert caught.value.messages == ["結案前須完成：就業計畫（T2.1）。"]
    assert caught.value.code == "missing_records"


def test_each_missing_field_has_its_message(personas, reference_data):
    alice = personas["alice"]
    case = planned(alice)
    with pytest.raises(ValidationError) as caught:
        _request(case, alice, reason="x", outcome=" ", improvement_strategy="")
    assert caught.value.message_dict == {
        "reason": ["請選擇結案原因。"],
        "outcome": ["請填寫服務成效。"],
        "improvement_strategy": ["請填寫改善策略（P3.4.1）。"],
    }


def test_a_request_records_the_closure_and_waits_for_the_supervisor(personas, reference_data):
    alice = personas["alice"]
    case = planned(alice)
    previous = case.status
    closure = _request(case, alice, outcome="  已自行就業 ", improvement_strategy=" 提早 ")
    closure.refresh_from_db()
    assert (closure.outcome, closure.improvement_strategy) == ("已自行就業", "提早")
    assert closure.previous_status == previous
    assert closure.recorded_by == alice
    assert closure.office == case.office
    assert closure.status == ClosureStatus.PENDING
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSURE_REQUESTED
    assert AuditEvent.objects.filter(event_type="case.closure_requested").exists()


def test_a_stale_request_is_refused(personas, reference_data):
    alice = personas["alice"]
    case = planned(alice)
    with pytest.raises(ConcurrentEditError):
        _request(case, alice, expected_version=case.version - 1)
    assert not case.closures.exists()


def test_approval_closes_the_case_at_the_decision_time(personas, reference_data):
    closure = closure_requested(personas["alice"])
    case = services.approve_closure(closure, actor=personas["sam"], comment="  同意 ")
    closure.refresh_from_db()
    case.refresh_from_db()
    assert closure.decision_comment == "同意"
    assert closure.decided_at is not None
    assert case.closed_at == closure.decided_at
    assert case.status == CaseStatus.CLOSED
    assert AuditEvent.objects.filter(event_type="case.closed").exists()


def test_a_pending_closure_of_a_case_that_moved_on_cannot_be_decided(personas, reference_data):
    # given: the record still says pending, but the case is no longer waiting for a decision
    closure = closure_requested(personas["alice"])
    Case.objects.filter(pk=closure.case_id).update(status=CaseStatus.ACTIVE)
    closure.refresh_from_db()
    # then
    with pytest.raises(ValidationError) as caught:
        services.approve_closure(closure, actor=personas["sam"])
    assert caught.value.messages == ["此結案申請已處理過。"]
    with pytest.raises(ValidationError):
        services.reject_closure(closure, actor=personas["sam"], comment="退回")


def test_rejection_returns_the_case_and_keeps_the_reason(personas, reference_data):
    closure = closure_requested(personas["alice"])
    previous = closure.previous_status
    with pytest.raises(ValidationError) as caught:
        services.reject_closure(closure, actor=personas["sam"], comment="  ")
    assert caught.value.message_dict == {"comment": ["退回時請說明原因。"]}
    case = services.reject_closure(closure, actor=personas["sam"], comment=" 請先完成追蹤 ")
    closure.refresh_from_db()
    assert case.status == previous
    assert closure.status == ClosureStatus.REJECTED
    assert closure.decided_by == personas["sam"]
    assert closure.decided_at is not None
    assert closure.decision_comment == "請先完成追蹤"
    assert Case.objects.get(pk=case.pk).status == previous


def test_reopening_records_why_and_when(personas, reference_data):
    closure = closure_requested(personas["alice"])
    case = services.approve_closure(closure, actor=personas["sam"])
    with pytest.raises(ValidationError) as caught:
        services.reopen_case(case, actor=personas["alice"], reason="  ")
    assert caught.value.message_dict == {"reason": ["請說明重新開案的原因。"]}
    case = services.reopen_case(case, actor=personas["alice"], reason=" 再次求助 ")
    closure.refresh_from_db()
    assert closure.reopened_at is not None
    assert closure.reopen_reason == "再次求助"
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.closed_at) == (CaseStatus.ACTIVE, None)


def test_a_case_cannot_reopen_beside_another_open_case(personas, reference_data):
    alice = personas["alice"]
    closure = closure_requested(alice)
    case = services.approve_closure(closure, actor=personas["sam"])
    services.open_case(case.seeker, actor=alice)
    with pytest.raises(ValidationError, match="已有其他進行中的個案"):
        services.reopen_case(case, actor=alice, reason="再次求助")
