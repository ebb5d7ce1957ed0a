"""Moving a case to another office (移轉個案): asked by the sending supervisor, accepted with a
counsellor named (or declined with a reason) by the receiving supervisor; scoped both ways."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from jobdesk.audit.models import AccessEvent, AuditEvent
from jobdesk.cases.models import (
    Case,
    CaseTransfer,
    EmploymentPlan,
    FollowUp,
    JobSeeker,
    PlanStep,
    TransferStatus,
)
from jobdesk.cases.services import add_plan_step
from jobdesk.cases.services.transfers import (
    accept_transfer,
    cancel_transfer,
    decline_transfer,
    request_transfer,
)
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import make_case, placed

pytestmark = pytest.mark.django_db


def _ask(case, personas, offices, **extra):
    values = {
        "to_office": offices["c"],
        "reason": "求職者遷居臺中",
        "expected_version": case.version,
    }
    return request_transfer(case, actor=personas["sam"], **(values | extra))


def test_accepted_the_case_and_its_open_work_belong_to_the_receiving_office(
    personas, offices, reference_data
):
    # given: a placed case at centre A with a follow-up due and an unfinished plan step
    case = placed(personas["alice"])
    plan = EmploymentPlan.objects.get(case=case)
    open_step = add_plan_step(
        plan, actor=personas["alice"], description="投履歷", owner="求職者", due_on=plan.agreed_on
    )
    signed = case.assessments.get()
    activities_before = set(case.activities.values_list("office_id", flat=True))
    # when
    transfer = _ask(case, personas, offices)
    assert Case.objects.get(pk=case.pk).office == offices["a"]  # nothing moves on the request
    accept_transfer(transfer, actor=personas["tina"], counsellor=personas["charlie"])
    # then
    case = Case.objects.get(pk=case.pk)
    assert (case.office, case.counsellor) == (offices["c"], personas["charlie"])
    assert JobSeeker.objects.get(pk=case.seeker_id).office == offices["c"]
    assert EmploymentPlan.objects.get(case=case).office == offices["c"]
    assert PlanStep.objects.get(pk=open_step.pk).office == offices["c"]
    assert {f.office_id for f in FollowUp.objects.filter(case=case, done_on__isnull=True)} == {
        offices["c"].pk
    }
    # finished work stays where it was done (the reports count it there)
    signed.refresh_from_db()
    assert signed.office == offices["a"]
    assert set(case.activities.values_list("office_id", flat=True)) == activities_before
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.decided_by == personas["tina"]
    assert transfer.counsellor == personas["charlie"]
    event = AuditEvent.objects.get(event_type="case.transferred")
    assert event.before == {"office": "NB-SC", "counsellor": "alice"}
    assert event.after == {"office": "CT-TC", "counsellor": "charlie"}
    # scope follows: centre A can no longer open the case, centre C can
    assert not Case.objects.for_user(personas["alice"]).filter(pk=case.pk).exists()
    assert Case.objects.for_user(personas["charlie"]).filter(pk=case.pk).exists()


def test_request_is_refused_without_reason_to_a_branch_or_to_the_same_office(
    personas, offices, reference_data
):
    case = make_case(personas["alice"])
    with pytest.raises(ValidationError) as caught:
        _ask(case, personas, offices, reason="  ")
    assert "請填寫移轉原因" in str(caught.value)
    with pytest.raises(ValidationError, match="分署不直接承接個案"):
        _ask(case, personas, offices, to_office=offices["central"])
    with pytest.raises(ValidationError, match="個案已在這個據點"):
        _ask(case, personas, offices, to_office=offices["a"])
    assert not CaseTransfer.objects.exists()
    assert not AuditEvent.objects.filter(event_type="case.transfer_requested").exists()


def test_only_a_supervisor_in_scope_asks_and_only_the_receiver_decides(
    personas, offices, reference_data
):
    case = make_case(personas["alice"])
    with pytest.raises(PermissionDenied):
        request_transfer(
            case, actor=personas["alice"], to_office=offices["c"], reason="x", expected_version=1
        )
    with pytest.raises(PermissionDenied):  # a supervisor of another centre
        request_transfer(
            case, actor=personas["tina"], to_office=offices["c"], reason="x", expected_version=1
        )
    transfer = _ask(case, personas, offices)
    with pytest.raises(PermissionDenied):  # the sender cannot accept its own request
        accept_transfer(transfer, actor=personas["sam"], counsellor=personas["bob"])
    with pytest.raises(PermissionDenied):  # the receiver cannot withdraw it
        cancel_transfer(transfer, actor=personas["tina"])
    with pytest.raises(ValidationError, match="承辦人須屬於接收的據點"):
        accept_transfer(transfer, actor=personas["tina"], counsellor=personas["bob"])
    assert Case.objects.get(pk=case.pk).office == offices["a"]


def test_one_pending_request_per_case_and_a_stale_form_is_refused(
    personas, offices, reference_data
):
    case = make_case(personas["alice"])
    with pytest.raises(ConcurrentEditError):
        _ask(case, personas, offices, expected_version=case.version - 1 or 99)
    _ask(case, personas, offices)
    with pytest.raises(ValidationError, match="已有待接收的移轉申請"):
        _ask(case, personas, offices, to_office=offices["b"])
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        CaseTransfer.objects.create(
            case=case,
            office=offices["b"],
            from_office=offices["a"],
            reason="x",
            requested_by=personas["sam"],
        )


def test_declined_or_withdrawn_the_case_stays_and_a_decision_is_made_once(
    personas, offices, reference_data
):
    case = make_case(personas["alice"])
    transfer = _ask(case, personas, offices)
    with pytest.raises(ValidationError, match="請說明不予接收的原因"):
        decline_transfer(transfer, actor=personas["tina"], note="")
    decline_transfer(transfer, actor=personas["tina"], note="非本轄區居民")
    transfer.refresh_from_db()
    assert (transfer.status, transfer.decision_note) == (TransferStatus.DECLINED, "非本轄區居民")
    with pytest.raises(ValidationError, match="此移轉申請已處理過"):
        accept_transfer(transfer, actor=personas["tina"], counsellor=personas["charlie"])
    assert Case.objects.get(pk=case.pk).office == offices["a"]
    again = _ask(Case.objects.get(pk=case.pk), personas, offices)
    cancel_transfer(again, actor=personas["sam"])
    again.refresh_from_db()
    assert again.status == TransferStatus.CANCELLED
    assert [
        e.event_type
        for e in AuditEvent.objects.filter(event_type__startswith="case.transfer").order_by("id")
    ] == [
        "case.transfer_requested",
        "case.transfer_declined",
        "case.transfer_requested",
        "case.transfer_cancelled",
    ]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_pages_walk_request_inbox_and_acceptance(personas, offices, reference_data):
    case = make_case(personas["alice"])
    sam, tina = _client(personas["sam"]), _client(personas["tina"])
    url = reverse("cases:case_transfer", args=[case.public_id])
    # a form without a reason saves nothing and says why
    page = sam.post(url, {"to_office": offices["c"].pk, "reason": "", "version": case.version})
    assert page.status_code == 200
    assert "此為必需欄位" in page.content.decode()
    assert not CaseTransfer.objects.exists()
    done = sam.post(url, {"to_office": offices["c"].pk, "reason": "遷居", "version": case.version})
    assert done.status_code == 302
    transfer = CaseTransfer.objects.get()
    # the receiver's inbox lists it (and logs the read of the name); the sender's shows nothing
    inbox = tina.get(reverse("cases:transfers_incoming"))
    assert case.seeker.name in inbox.content.decode()
    assert AccessEvent.objects.filter(actor=personas["tina"], what="移入個案清單").exists()
    assert case.seeker.name not in sam.get(reverse("cases:transfers_incoming")).content.decode()
    decide = reverse("cases:transfer_decide", args=[transfer.public_id])
    assert sam.get(decide).status_code == 404
    # accepting without a counsellor is refused; with one the case is C's
    refused = tina.post(decide, {"decision": "accept"})
    assert refused.status_code == 200
    assert Case.objects.get(pk=case.pk).office == offices["a"]
    ok = tina.post(decide, {"decision": "accept", "counsellor": personas["charlie"].pk})
    assert ok.status_code == 302
    assert ok["Location"] == reverse("cases:case_detail", args=[case.public_id])
    assert Case.objects.get(pk=case.pk).office == offices["c"]
    assert _client(personas["alice"]).get(ok["Location"]).status_code == 404
    assert "移轉至其他據點" in _client(personas["tina"]).get(ok["Location"]).content.decode()
