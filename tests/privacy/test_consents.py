"""The consent ledger (PDPA Art. 7): what a consent must say, what is kept, how it ends."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.privacy.models import Consent
from jobdesk.privacy.services import record_consent, valid_consents, withdraw_consent
from jobdesk.privacy.services.consents import MAX_VALID_DAYS
from jobdesk.privacy.signatures import check_drawn_signature
from tests.privacy.factories import make_seeker, png_data_url

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def seeker(personas, reference_data):
    return make_seeker(personas["alice"])


def _record(seeker, actor, **values):
    data = {
        "purpose": "referral",
        "recipient": "新北市職業重建服務窗口",
        "purpose_text": "轉介職業重建評估",
        "data_items": ["phone", "name"],
        "valid_until": TODAY() + datetime.timedelta(days=180),
        "wording_version": "v1",
        "wording_text": "本人同意…",
        "method": "drawn",
        "signature": check_drawn_signature(png_data_url()),
    } | values
    return record_consent(seeker, actor=actor, **data)


def test_a_consent_keeps_what_was_agreed_and_who_witnessed_it(seeker, personas):
    # when
    consent = _record(seeker, personas["alice"], recipient="  窗口 ", purpose_text=" 評估 ")
    # then
    stored = Consent.objects.get(pk=consent.pk)
    assert (stored.recipient, stored.purpose_text) == ("窗口", "評估")
    assert stored.data_items == ["name", "phone"]  # in the order of the data-item list
    assert stored.witnessed_by == personas["alice"]
    assert stored.office == seeker.office
    assert stored.signed_at is not None
    assert stored.signature_sha256 == check_drawn_signature(png_data_url()).sha256
    assert stored.is_valid()
    event = AuditEvent.objects.get(event_type="privacy.consent_recorded")
    assert event.after["signature_sha256"] == stored.signature_sha256
    assert event.after["data_items"] == ["name", "phone"]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"purpose": "marketing"}, "purpose", "請選擇同意目的。"),
        ({"recipient": "  "}, "recipient", "轉介同意須載明資料接收單位。"),
        ({"purpose_text": " "}, "purpose_text", "請說明特定目的。"),
        ({"data_items": []}, "data_items", "請勾選同意提供的資料項目。"),
        ({"data_items": ["name", "religion"]}, "data_items", "請勾選同意提供的資料項目。"),
        ({"valid_until": TODAY() - datetime.timedelta(days=1)}, "valid_until", None),
        (
            {"valid_until": TODAY() + datetime.timedelta(days=MAX_VALID_DAYS + 1)},
            "valid_until",
            None,
        ),
        ({"method": "fax"}, "method", "簽署方式不正確。"),
    ],
)
def test_each_missing_or_wrong_part_is_refused(seeker, personas, values, field, message):
    with pytest.raises(ValidationError) as caught:
        _record(seeker, personas["alice"], **values)
    assert list(caught.value.message_dict) == [field]
    assert caught.value.message_dict[field] == [message or "有效期限須在今天之後、三年以內。"]
    assert not Consent.objects.exists()


def test_a_consent_without_a_recipient_is_fine_outside_referrals(seeker, personas):
    consent = _record(seeker, personas["alice"], purpose="employment_service", recipient="")
    assert consent.recipient == ""


@pytest.mark.parametrize("days", [0, MAX_VALID_DAYS])
def test_the_validity_bounds_are_inclusive(seeker, personas, days):
    consent = _record(seeker, personas["alice"], valid_until=TODAY() + datetime.timedelta(days))
    assert consent.valid_until == TODAY() + datetime.timedelta(days)


def test_an_outsider_cannot_record_a_consent(seeker, personas):
    with pytest.raises(PermissionDenied):
        _record(seeker, personas["charlie"])


def test_withdrawal_records_who_when_and_why_once(seeker, personas):
    alice = personas["alice"]
    consent = _record(seeker, alice)
    with pytest.raises(ValidationError) as caught:
        withdraw_consent(consent, actor=alice, reason="x" * 501)
    assert caught.value.message_dict == {"reason": ["撤回說明最多 500 字。"]}
    # when
    returned = withdraw_consent(consent, actor=alice, reason="  不再需要 ")
    # then: the caller's object and the row agree
    stored = Consent.objects.get(pk=consent.pk)
    for row in (returned, consent, stored):
        assert row.withdrawn_at is not None
        assert row.withdrawn_by == alice
        assert row.withdrawal_reason == "不再需要"
    assert not stored.is_valid()
    assert stored.state_label == "已撤回"
    assert AuditEvent.objects.filter(event_type="privacy.consent_withdrawn").count() == 1
    with pytest.raises(ValidationError, match="此同意書已撤回。"):
        withdraw_consent(consent, actor=alice)


def test_an_outsider_cannot_withdraw(seeker, personas):
    consent = _record(seeker, personas["alice"])
    with pytest.raises(PermissionDenied):
        withdraw_consent(consent, actor=personas["charlie"])


def test_valid_consents_are_those_neither_withdrawn_nor_expired(seeker, personas):
    alice = personas["alice"]
    today = _record(seeker, alice, valid_until=TODAY())
    other = _record(seeker, alice, purpose="employment_service", recipient="")
    gone = _record(seeker, alice)
    withdraw_consent(gone, actor=alice)
    old = _record(seeker, alice)
    Consent.objects.filter(pk=old.pk).update(valid_until=TODAY() - datetime.timedelta(days=1))
    assert set(valid_consents(seeker)) == {today, other}
    assert set(valid_consents(seeker, "referral")) == {today}
    old.refresh_from_db()
    assert old.state_label == "已逾期"
    assert today.state_label == "有效"


def test_validity_on_a_given_day(seeker, personas):
    consent = _record(seeker, personas["alice"], valid_until=TODAY() + datetime.timedelta(days=10))
    assert consent.is_valid(on=TODAY() + datetime.timedelta(days=10))
    assert not consent.is_valid(on=TODAY() + datetime.timedelta(days=11))
