"""P3.3.3 / 就業服務法 §9 / PDPA Art. 7: no data leaves without a consent that is valid *today*.

A referral whose consent exists but has expired, was withdrawn, or carries no signature stays
where it is. Each case starts from a referral in the CONSENTED state (so the state machine alone
cannot be what refuses it) and changes only the one property of the consent under test.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.privacy.models import Consent
from jobdesk.referrals.models import ReferralStatus
from jobdesk.referrals.services import send_referral
from tests.privacy.factories import make_referral, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _consented(alice):
    referral = sign(make_referral(alice), alice)
    assert referral.status == ReferralStatus.CONSENTED
    return referral


def _assert_not_sent(referral, alice):
    with pytest.raises(ValidationError, match="沒有有效的轉介同意書") as caught:
        send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    assert caught.value.code == "no_consent"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONSENTED
    assert referral.sent_on is None


def test_a_valid_signed_consent_lets_the_referral_go(personas, reference_data):
    # given: the control case, so the refusals below are about the consent alone
    alice = personas["alice"]
    referral = _consented(alice)
    # when
    sent = send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    # then
    assert sent.status == ReferralStatus.SENT


def test_an_expired_consent_blocks_sending(personas, reference_data):
    # given: the consent's last valid day was yesterday
    alice = personas["alice"]
    referral = _consented(alice)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Consent.objects.filter(pk=referral.consent_id).update(valid_until=yesterday)
    referral.refresh_from_db()
    # when / then
    _assert_not_sent(referral, alice)


def test_a_consent_valid_until_today_still_counts(personas, reference_data):
    # given: the boundary day (valid_until is inclusive)
    alice = personas["alice"]
    referral = _consented(alice)
    Consent.objects.filter(pk=referral.consent_id).update(valid_until=timezone.localdate())
    referral.refresh_from_db()
    # when
    sent = send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    # then
    assert sent.status == ReferralStatus.SENT


def test_a_withdrawn_consent_blocks_sending_even_if_the_referral_was_not_stopped(
    personas, reference_data
):
    # given: the withdrawal is on the consent, the referral still says CONSENTED
    alice = personas["alice"]
    referral = _consented(alice)
    Consent.objects.filter(pk=referral.consent_id).update(withdrawn_at=timezone.now())
    referral.refresh_from_db()
    # when / then
    _assert_not_sent(referral, alice)


def test_an_unsigned_consent_blocks_sending(personas, reference_data):
    # given: a consent row without its signature file
    alice = personas["alice"]
    referral = _consented(alice)
    Consent.objects.filter(pk=referral.consent_id).update(signature="")
    referral.refresh_from_db()
    # when / then
    _assert_not_sent(referral, alice)
