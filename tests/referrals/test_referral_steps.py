"""Consent and sending in detail (O3.3.2, P3.3.2–P3.3.3): what each step records and refuses."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases.models import Activity
from jobdesk.cases.services.casework import add_months
from jobdesk.privacy.services import withdraw_consent
from jobdesk.privacy.signatures import check_drawn_signature
from jobdesk.referrals.models import Referral, ReferralStatus, ReferralUpdateKind
from jobdesk.referrals.services import (
    consent_valid_until,
    send_referral,
    sign_consent,
    stop_for_withdrawn_consent,
)
from tests.privacy.factories import make_referral, png_data_url, sign

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _sign(referral, actor, **values):
    data = {
        "method": "drawn",
        "signature": check_drawn_signature(png_data_url()),
        "explained": True,
    } | values
    return sign_consent(referral, actor=actor, **data)


def test_the_consent_is_valid_for_the_referrals_months(personas, reference_data):
    referral = make_referral(personas["alice"], consent_valid_months=3)
    assert consent_valid_until(referral) == add_months(TODAY(), 3)


def test_signing_records_the_consent_the_explanation_and_the_activity(personas, reference_data):
    alice = personas["alice"]
    referral = make_referral(alice, consent_valid_months=3)
    # when
    signed = _sign(referral, alice)
    # then
    stored = Referral.objects.get(pk=referral.pk)
    assert stored.status == ReferralStatus.CONSENTED
    assert stored.process_explained_at is not None
    consent = stored.consent
    assert consent.valid_until == add_months(TODAY(), 3)
    assert consent.purpose == "referral"
    assert consent.recipient == referral.resource.name
    assert consent.data_items == ["name", "phone", "assessment"]
    assert consent.method == "drawn"
    assert referral.case.seeker.name in consent.wording_text
    assert signed.consent_id == consent.pk
    update = stored.updates.get(kind=ReferralUpdateKind.CONSENT_SIGNED)
    assert update.occurred_on == TODAY()
    assert update.recorded_by == alice
    assert AuditEvent.objects.filter(event_type="referral.consent_signed").count() == 1
    activity = Activity.objects.get(case=referral.case, notes__contains="轉介同意書")
    assert (activity.task_code, list(activity.indicator_codes)) == ("T3.3", ["P3.3.2"])


def test_signing_needs_the_explanation_and_a_known_method(personas, reference_data):
    alice = personas["alice"]
    referral = make_referral(alice)
    with pytest.raises(ValidationError) as caught:
        _sign(referral, alice, explained=False)
    assert list(caught.value.message_dict) == ["explained"]
    with pytest.raises(ValidationError) as caught:
        _sign(referral, alice, method="fax")
    assert caught.value.message_dict == {"method": ["簽署方式不正確。"]}
    assert Referral.objects.get(pk=referral.pk).consent is None


def test_a_signed_referral_cannot_be_signed_again(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    with pytest.raises(ValidationError) as caught:
        _sign(referral, alice)
    assert caught.value.code == "bad_status"
    assert caught.value.messages == ["轉介目前為「已簽同意書，待轉介」，無法簽署同意書。"]


def test_sending_records_date_method_follow_up_and_what_was_given(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    day = TODAY() - datetime.timedelta(days=1)
    # when
    sent = send_referral(referral, actor=alice, sent_on=day, method="  公文 ")
    # then
    stored = Referral.objects.get(pk=referral.pk)
    assert stored.status == ReferralStatus.SENT
    assert (stored.sent_on, stored.sent_method) == (day, "公文")
    assert stored.next_follow_up_on == day + datetime.timedelta(days=14)
    assert sent.next_follow_up_on == stored.next_follow_up_on
    update = stored.updates.get(kind=ReferralUpdateKind.SENT)
    assert update.occurred_on == day
    assert update.note.startswith("公文；提供：")
    assert "姓名" in update.note
    event = AuditEvent.objects.get(event_type="referral.sent")
    assert event.after["sent_method"] == "公文"
    assert event.after["data_items"] == ["name", "phone", "assessment"]
    (activity,) = [
        a for a in Activity.objects.filter(case=referral.case) if "P3.3.3" in a.indicator_codes
    ]
    assert activity.task_code == "T3.3"


def test_sending_refuses_a_future_date_and_a_blank_method(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    with pytest.raises(ValidationError) as caught:
        send_referral(
            referral, actor=alice, sent_on=TODAY() + datetime.timedelta(days=1), method=" "
        )
    assert caught.value.message_dict == {
        "method": ["請填寫轉介方式。"],
        "sent_on": ["轉介日期不可晚於今天。"],
    }
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.CONSENTED
    # today itself is fine
    assert send_referral(referral, actor=alice, sent_on=TODAY(), method="公文").sent_on == TODAY()


def test_a_sent_referral_is_not_sent_twice(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    send_referral(referral, actor=alice, sent_on=TODAY(), method="公文")
    with pytest.raises(ValidationError) as caught:
        send_referral(referral, actor=alice, sent_on=TODAY(), method="公文")
    assert caught.value.code == "bad_status"


def test_only_those_who_may_change_it_sign_or_send(personas, reference_data):
    referral = make_referral(personas["alice"])
    for who in ("charlie", "oscar"):
        with pytest.raises(PermissionDenied):
            _sign(referral, personas[who])
    signed = sign(referral, personas["alice"])
    with pytest.raises(PermissionDenied):
        send_referral(signed, actor=personas["charlie"], sent_on=TODAY(), method="公文")


def test_withdrawal_stops_every_active_referral_on_the_consent_and_counts_them(
    personas, reference_data
):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    send_referral(referral, actor=alice, sent_on=TODAY(), method="公文")
    consent = Referral.objects.get(pk=referral.pk).consent
    # when: the handler itself, as the hook calls it
    assert stop_for_withdrawn_consent(consent, actor=alice) == 1
    # then
    stored = Referral.objects.get(pk=referral.pk)
    assert stored.status == ReferralStatus.STOPPED
    assert stored.next_follow_up_on is None
    note = stored.updates.get(kind=ReferralUpdateKind.STOPPED)
    assert note.occurred_on == TODAY()
    assert "停止" in note.note
    assert AuditEvent.objects.filter(event_type="referral.stopped").count() == 1
    # a second call finds nothing left to stop
    assert stop_for_withdrawn_consent(consent, actor=alice) == 0


def test_a_closed_referral_is_left_alone_by_a_withdrawal(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    Referral.objects.filter(pk=referral.pk).update(status=ReferralStatus.CLOSED)
    withdraw_consent(Referral.objects.get(pk=referral.pk).consent, actor=alice)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.CLOSED
