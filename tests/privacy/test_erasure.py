"""Erasure (PDPA Art. 11): after anonymisation nothing identifying survives anywhere."""

import contextlib
import datetime
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

from jobdesk.cases.models import Case, JobSeeker
from jobdesk.common.crypto import EncryptedTextField, decrypt
from jobdesk.privacy.models import RetentionAction, RetentionPolicy
from jobdesk.privacy.services import (
    anonymise_seeker,
    place_legal_hold,
    purge_expired,
    record_notice_given,
)
from jobdesk.referrals.services import send_referral
from tests.privacy.factories import make_case, make_referral, sign

pytestmark = pytest.mark.django_db

NAME, NATIONAL_ID = "林美華", "A123456789"
PHONE, EMAIL = "0912-345-678", "meihua.lin@example.tw"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _all_text_in_database() -> str:
    """Every text, char and JSON column of every table, read raw, encrypted ones decrypted."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                    continue
                table, column = model._meta.db_table, field.column
                cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608
                for (value,) in cursor.fetchall():
                    if value is None:
                        continue
                    text = value if isinstance(value, str) else json.dumps(value)
                    if isinstance(field, EncryptedTextField) and text:
                        text = decrypt(text)
                    if isinstance(field, models.JSONField):
                        with contextlib.suppress(TypeError, ValueError):
                            text = json.dumps(json.loads(text), ensure_ascii=False)
                    chunks.append(text)
    return "\n".join(chunks)


def _files(root):
    return [f for f in root.rglob("*") if f.is_file()]


def _seeker_with_history(alice):
    referral = sign(make_referral(alice), alice)
    send_referral(referral, actor=alice, sent_on=timezone.localdate(), method="公文")
    seeker = referral.case.seeker
    record_notice_given(seeker, actor=alice, method="paper")
    return seeker, referral


def test_nothing_identifying_survives_anonymisation(personas, reference_data, tmp_path):
    # given: a seeker with a case, a referral, a signed consent, notices and audit rows
    alice = personas["alice"]
    seeker, _ = _seeker_with_history(alice)
    everything = _all_text_in_database()
    for secret in (NAME, PHONE, EMAIL):
        assert secret in everything
    assert NATIONAL_ID in everything  # decrypted from the encrypted column
    assert [f.suffix for f in _files(tmp_path)] == [".sig"]  # the encrypted signature
    # when
    anonymise_seeker(seeker, actor=alice, reason="當事人請求刪除")
    # then
    everything = _all_text_in_database()
    for secret in (NAME, NATIONAL_ID, PHONE, EMAIL, "重新路四段", "輕度肢體障礙"):
        assert secret not in everything, secret
    assert _files(tmp_path) == [], "signature files must be deleted"
    seeker.refresh_from_db()
    assert seeker.township_id is not None  # statistics keep the place


def test_legal_hold_stops_erasure(personas, reference_data):
    alice = personas["alice"]
    seeker, _ = _seeker_with_history(alice)
    place_legal_hold(seeker, actor=alice, reason="勞資爭議訴訟進行中")
    with pytest.raises(ValidationError, match="法律保全"):
        anonymise_seeker(seeker, actor=alice, reason="test")
    assert JobSeeker.objects.get(pk=seeker.pk).name == NAME


def _close_long_ago(case, days):
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_retention_purges_expired_and_keeps_counts(personas, reference_data):
    # given: one seeker closed 4 years ago, one on legal hold, one closed last month
    alice = personas["alice"]
    old, _ = _seeker_with_history(alice)
    _close_long_ago(old.cases.get(), 4 * 365)
    held = make_case(
        alice,
        national_id="B120000008",
        name="王大明",
        phone="0922-000-111",
        email="wang@example.tw",
        address="新北市蘆洲區中正路 1 號",
    )
    _close_long_ago(held, 4 * 365)
    place_legal_hold(held.seeker, actor=alice, reason="調查中")
    recent = make_case(
        alice,
        national_id="C100000003",
        name="陳小芬",
        phone="0933-000-222",
        email="chen@example.tw",
        address="新北市三重區正義北路 5 號",
    )
    _close_long_ago(recent, 30)
    RetentionPolicy.objects.update_or_create(
        pk=1, defaults={"months_after_closure": 36, "action": RetentionAction.ANONYMISE}
    )
    # when
    run = purge_expired()
    # then
    assert (run.seekers_processed, run.seekers_on_hold) == (1, 1)
    assert run.rows_changed > 0
    assert NAME not in _all_text_in_database()
    assert JobSeeker.objects.get(pk=held.seeker.pk).name == "王大明"
    assert JobSeeker.objects.get(pk=recent.seeker.pk).name == "陳小芬"
    # a second run finds nothing more to do
    assert purge_expired().seekers_processed == 0


def test_retention_delete_mode_removes_the_rows(personas, reference_data):
    alice = personas["alice"]
    old, _ = _seeker_with_history(alice)
    _close_long_ago(old.cases.get(), 4 * 365)
    RetentionPolicy.objects.update_or_create(
        pk=1, defaults={"months_after_closure": 12, "action": RetentionAction.DELETE}
    )
    run = purge_expired()
    assert run.seekers_processed == 1
    assert not JobSeeker.objects.filter(pk=old.pk).exists()
    assert NAME not in _all_text_in_database()
