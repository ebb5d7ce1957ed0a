"""The referral path (T3.3): assessment, signed consent, sending, reply, outcome."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.cases.models import Activity
from jobdesk.privacy.services import withdraw_consent
from jobdesk.referrals.models import Referral, ReferralStatus
from jobdesk.referrals.services import (
    record_follow_up,
    record_outcome,
    record_reply,
    send_referral,
)
from tests.privacy.factories import make_referral, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_referral_cannot_be_sent_without_signed_consent(personas, reference_data):
    # given
    alice = personas["alice"]
    referral = make_referral(alice)
    # when / then: unsigned, the referral is still 評估中, and the table (REFERRAL["send"]) sends
    # only a consented one; expired or withdrawn consents are refused by the consent check
    with pytest.raises(ValidationError) as caught:
        send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    assert caught.value.code == "bad_status"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ASSESSING
    assert referral.sent_on is None


def test_full_path_to_an_outcome_records_t33_activities(personas, reference_data):
    # given
    alice = personas["alice"]
    referral = make_referral(alice)
    # when
    referral = sign(referral, alice)
    referral = send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    referral = record_reply(
        referral,
        actor=alice,
        reply="accepted",
        replied_on=timezone.localdate(),
        note="已派個管員",
        next_follow_up_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    referral = record_follow_up(referral, actor=alice, note="已完成評量", next_follow_up_on=None)
    referral = record_outcome(referral, actor=alice, outcome="completed", note="進入支持性就業")
    # then
    assert referral.status == ReferralStatus.CLOSED
    assert referral.consent is not None
    assert referral.consent.recipient == referral.resource.name
    assert "僅限以下項目" in referral.consent.wording_text
    assert referral.consent.signature.read().startswith(b"\x89PNG")
    activities = Activity.objects.filter(case=referral.case, task_code="T3.3")
    codes = {c for a in activities for c in a.indicator_codes}
    assert codes == {"P3.3.1", "P3.3.2", "P3.3.3"}
    assert [u.kind for u in referral.updates.all()] == [
        "assessed",
        "consent_signed",
        "sent",
        "reply",
        "follow_up",
        "outcome",
    ]


def test_failed_outcome_needs_a_reason(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    referral = send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    with pytest.raises(ValidationError) as error:
        record_outcome(referral, actor=alice, outcome="failed", note="")
    assert "原因" in str(error.value)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.SENT


def test_withdrawing_consent_stops_the_referral(personas, reference_data):
    # given
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    referral = send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    # when
    withdraw_consent(referral.consent, actor=alice, reason="不想再轉介")
    # then
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STOPPED
    with pytest.raises(ValidationError):
        record_reply(
            referral,
            actor=alice,
            reply="accepted",
            replied_on=timezone.localdate(),
            note="",
            next_follow_up_on=None,
        )


def test_withdrawn_consent_blocks_sending(personas, reference_data):
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    withdraw_consent(referral.consent, actor=alice)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STOPPED
    with pytest.raises(ValidationError):
        send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")


def test_an_outsider_cannot_change_a_referral(personas, reference_data):
    from django.core.exceptions import PermissionDenied

    referral = make_referral(personas["alice"])
    with pytest.raises(PermissionDenied):
        sign(referral, personas["charlie"])
