"""Key rotation: every encrypted column and file is re-encrypted with the first key."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from jobdesk.cases.models import JobSeeker, SensitiveCircumstances
from jobdesk.privacy.models import Consent
from tests.privacy.factories import make_referral, png_bytes, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _raw(table, column):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_rotation_re_encrypts_everything_with_the_new_key(personas, reference_data, tmp_path):
    # given: a seeker with a signed consent, all under the old key
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(JOBDESK_FIELD_KEYS=[old]):
        sign(make_referral(personas["alice"]), personas["alice"])
    # when
    out = io.StringIO()
    with override_settings(JOBDESK_FIELD_KEYS=[new, old]):
        call_command("rotate_field_key", "--batch-size", "1", stdout=out)
    # then
    assert "cases.JobSeeker" in out.getvalue()
    assert "privacy.Consent（signature 檔案）：重新加密 1 個" in out.getvalue()
    assert "、1 個檔案。" in out.getvalue()
    assert "A123456789" not in out.getvalue()
    with override_settings(JOBDESK_FIELD_KEYS=[new]):
        assert JobSeeker.objects.get().national_id_encrypted == "A123456789"
        assert SensitiveCircumstances.objects.get().disability_encrypted == "輕度肢體障礙"
        for token in _raw("cases_jobseeker", "national_id_encrypted"):
            Fernet(new.encode()).decrypt(token.encode())
        (name,) = _raw("privacy_consent", "signature")
        assert Fernet(new.encode()).decrypt((tmp_path / name).read_bytes()) == png_bytes()
        assert Consent.objects.get().signature.read() == png_bytes()
