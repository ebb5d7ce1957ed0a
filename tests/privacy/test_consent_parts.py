"""The parts of a consent's recording and withdrawal that the mutation run of the consent group
showed unchecked (docs/testing.md): every column kept, the audit rows' actor and snapshot, the
hook's actor, the file named by the public id and removed on failure, another seeker's consents."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.common import hooks
from jobdesk.privacy.models import Consent
from jobdesk.privacy.services import record_consent, valid_consents, withdraw_consent
from jobdesk.privacy.signatures import check_drawn_signature
from tests.privacy.factories import make_seeker, png_data_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _record(seeker, actor, **values):
    data = {
        "purpose": "referral",
        "recipient": "新北市職業重建服務窗口",
        "purpose_text": "轉介職業重建評估",
        "data_items": ["phone", "name"],
        "valid_until": timezone.localdate() + datetime.timedelta(days=90),
        "wording_version": "v3-2026",
        "wording_text": "本人同意…",
        "method": "scanned",
        "signature": check_drawn_signature(png_data_url()),
    } | values
    return record_consent(seeker, actor=actor, **data)


def test_every_part_of_a_consent_is_kept_and_the_file_is_named_by_its_id(personas, reference_data):
    alice = personas["alice"]
    consent = _record(make_seeker(alice), alice)
    stored = Consent.objects.get(pk=consent.pk)
    signature = check_drawn_signature(png_data_url())
    assert stored.wording_version == "v3-2026"
    assert stored.method == "scanned"
    assert stored.signature_content_type == signature.content_type
    assert str(stored.public_id) in stored.signature.name
    event = AuditEvent.objects.get(
        event_type="privacy.consent_recorded", subject_id=str(stored.public_id)
    )
    assert event.actor == alice
    assert event.after["wording_version"] == "v3-2026"
    assert event.after["method"] == "scanned"
    assert event.after["purpose"] == "referral"
    assert event.after["recipient"] == "新北市職業重建服務窗口"
    # the change log holds what was agreed, not the wording's text or the file
    assert set(event.after) == {
        "purpose",
        "recipient",
        "data_items",
        "wording_version",
        "valid_until",
        "method",
        "signature_sha256",
    }


def test_a_failed_recording_leaves_no_file(personas, reference_data, settings, monkeypatch):
    alice = personas["alice"]
    seeker = make_seeker(alice)

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr("jobdesk.privacy.services.consents.record_event", broken)
    with pytest.raises(RuntimeError):
        _record(seeker, alice)
    assert not Consent.objects.filter(seeker=seeker).exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


def test_withdrawal_is_audited_with_its_actor_and_tells_the_hook_who(
    personas, reference_data, monkeypatch
):
    alice = personas["alice"]
    consent = _record(make_seeker(alice), alice)
    told = []
    monkeypatch.setitem(
        hooks._handlers, hooks.CONSENT_WITHDRAWN, [lambda c, *, actor: told.append((c.pk, actor))]
    )
    withdraw_consent(consent, actor=alice)
    stored = Consent.objects.get(pk=consent.pk)
    assert stored.withdrawal_reason == ""  # no reason given: none recorded
    event = AuditEvent.objects.get(event_type="privacy.consent_withdrawn")
    assert event.actor == alice
    assert set(event.after) == {"withdrawn_at", "withdrawal_reason"}
    assert event.after["withdrawal_reason"] == ""
    assert told == [(consent.pk, alice)]
    assert stored.withdrawn_by == alice
    with pytest.raises(ValidationError) as again:
        withdraw_consent(consent, actor=alice)
    assert again.value.code == "already_withdrawn"
    assert again.value.messages == ["此同意書已撤回。"]


def test_another_seekers_consents_never_count(personas, reference_data):
    alice = personas["alice"]
    mine = make_seeker(alice)
    theirs = make_seeker(alice, name="陳志明", national_id="B120000008", phone="0922-000-111")
    _record(theirs, alice)
    assert list(valid_consents(mine)) == []
    assert list(valid_consents(mine, "referral")) == []


def test_a_consent_names_its_recipient_only_when_it_has_one(personas, reference_data):
    alice = personas["alice"]
    seeker = make_seeker(alice)
    named = _record(seeker, alice)
    plain = _record(seeker, alice, purpose="employment_service", recipient="")
    assert "：新北市職業重建服務窗口" in str(named)
    assert "：" not in str(plain)
    assert "XXXX" not in str(plain)


def test_a_withdrawal_reason_of_exactly_500_characters_is_kept(personas, reference_data):
    alice = personas["alice"]
    consent = _record(make_seeker(alice), alice)
    withdraw_consent(consent, actor=alice, reason="因" * 500)
    assert Consent.objects.get(pk=consent.pk).withdrawal_reason == "因" * 500
