"""Closing with things still open, early follow-ups, and reading one's own closed case
(issue 10, item 15): warnings the counsellor must acknowledge, asked by the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import CaseStatus, FollowUp
from tests.cases.factories import closure_requested, planned

pytestmark = pytest.mark.django_db

CLOSURE = {"reason": "self_found", "outcome": "已自行就業", "improvement_strategy": "提早提供職缺"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _with_open_referral(actor):
    from tests.privacy.factories import make_referral

    case = planned(actor)
    make_referral(actor, case=case)
    return case


def test_closure_with_an_open_referral_needs_an_acknowledgement(personas, reference_data):
    # given a planned case with a referral still being assessed
    alice = personas["alice"]
    case = _with_open_referral(alice)
    # when she asks to close it without confirming, the service asks her first
    with pytest.raises(ValidationError) as exc:
        services.request_closure(case, actor=alice, **CLOSURE)
    assert "尚有 1 件轉介未結束" in " ".join(exc.value.message_dict["confirm"])
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSURE_REQUESTED
    # when she confirms, the closure goes to the supervisor and the audit row says what she knew
    services.request_closure(case, actor=alice, confirmed=True, **CLOSURE)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_REQUESTED
    event = AuditEvent.objects.get(event_type="case.closure_requested")
    assert "轉介未結束" in event.after["acknowledged"][0]


def test_closure_with_pending_follow_ups_needs_an_acknowledgement(personas, reference_data):
    from tests.cases.factories import placed

    alice = personas["alice"]
    case = placed(alice)
    with pytest.raises(ValidationError, match="次就業追蹤未完成"):
        services.request_closure(case, actor=alice, **CLOSURE)


def test_closure_form_shows_the_warning_and_a_checkbox(client_for, personas, reference_data):
    # given a case with an open referral
    alice = personas["alice"]
    case = _with_open_referral(alice)
    client = client_for(alice)
    url = reverse("cases:closure_request", args=[case.public_id])
    # when she opens the closure form, the warning is there before she types
    assert "尚有 1 件轉介未結束" in client.get(url).content.decode()
    # when she sends it unconfirmed, it is refused with a checkbox to tick
    data = CLOSURE | {"version": case.version}
    html = client.post(url, data).content.decode()
    assert 'type="checkbox" name="confirm"' in html
    case.refresh_from_db()
    assert case.status != CaseStatus.CLOSURE_REQUESTED
    # when she ticks it, the closure is requested
    response = client.post(url, data | {"confirm": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSURE_REQUESTED


def test_a_follow_up_a_month_early_is_asked_about(personas, reference_data):
    from tests.cases.factories import placed

    # given a placement that started today: its first follow-up is due in a month
    alice = personas["alice"]
    case = placed(alice)
    fu = FollowUp.objects.filter(case=case).order_by("due_on").first()
    assert (fu.due_on - timezone.localdate()).days > 14
    # when she records it today, she is asked to confirm
    with pytest.raises(ValidationError, match="比預定日早"):
        services.record_follow_up(
            fu, actor=alice, done_on=timezone.localdate(), still_employed=True, pay=32000
        )
    # and a follow-up recorded within two weeks of its date is not asked about
    services.record_follow_up(
        fu,
        actor=alice,
        done_on=timezone.localdate(),
        still_employed=True,
        pay=32000,
        confirmed=True,
    )
    fu.refresh_from_db()
    assert fu.done_on == timezone.localdate()
    assert AuditEvent.objects.get(event_type="case.followed_up").after["recorded_days_early"] > 14


def test_a_follow_up_near_its_date_needs_no_confirmation(personas, reference_data):
    from jobdesk.cases.models import Case

    # given a case opened 40 days ago whose placement started 25 days ago (due in 5 days)
    alice = personas["alice"]
    case = planned(alice)
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - datetime.timedelta(days=40))
    case.refresh_from_db()
    services.place_case(
        case,
        actor=alice,
        vacancy_label="理貨員",
        employer_label="大同物流",
        start_date=timezone.localdate() - datetime.timedelta(days=25),
        pay=32000,
        pay_basis="monthly",
    )
    fu = FollowUp.objects.filter(case=case).order_by("due_on").first()
    services.record_follow_up(
        fu, actor=alice, done_on=timezone.localdate(), still_employed=True, pay=32000
    )
    assert FollowUp.objects.get(pk=fu.pk).done_on is not None


def test_own_closed_case_opens_without_a_reason_and_shows_no_next_review(
    client_for, personas, reference_data
):
    # given alice's case, closed by her supervisor
    alice = personas["alice"]
    closure = closure_requested(alice)
    services.approve_closure(closure, actor=personas["sam"])
    case = closure.case
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    # when she opens it
    html = client_for(alice).get(reverse("cases:case_detail", args=[case.public_id]))
    body = html.content.decode()
    # then she reads it without stating a reason, and the header has no 下次定期評估
    assert "調閱理由" not in body
    assert case.seeker.name in body
    assert "下次定期評估" not in body
