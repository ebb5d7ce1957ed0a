"""Guessing the second factor: wrong codes lock verification for a while, and are logged."""

import pyotp
import pytest
from django.test import Client, override_settings

from jobdesk.audit.models import AuditEvent
from jobdesk.privacy.models import StaffOTPDevice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _enrolled_session(user):
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    client.get("/privacy/2fa/enrol/")
    secret = StaffOTPDevice.objects.get(user=user).secret_encrypted
    totp = pyotp.TOTP(secret)
    assert client.post("/privacy/2fa/enrol/", {"code": totp.now()}).status_code == 302
    second = Client()
    second.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    return second, totp


def _wrong(totp):
    right = totp.now()
    return "000000" if right != "000000" else "111111"


@override_settings(JOBDESK_OTP_THRESHOLD=5, JOBDESK_LOCKOUT_MINUTES=15)
def test_five_wrong_codes_lock_verification_even_for_the_right_code(personas):
    # given an auditor with a confirmed device, in a new session
    audrey = personas["audrey"]
    client, totp = _enrolled_session(audrey)
    StaffOTPDevice.objects.filter(user=audrey).update(last_used_step=0)
    # when five wrong codes are entered
    for _ in range(5):
        response = client.post("/privacy/2fa/verify/", {"code": _wrong(totp)})
        assert response.status_code == 200
    # then the right code is refused too, with the reason, and the session is not verified
    response = client.post("/privacy/2fa/verify/", {"code": totp.now()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "錯誤次數過多" in body
    assert client.get("/audit/access/").status_code == 302
    # and every failure and the lock are in the change log
    assert AuditEvent.objects.filter(event_type="privacy.otp_failed").count() == 5
    assert AuditEvent.objects.filter(event_type="privacy.otp_locked").count() == 1
    assert AuditEvent.objects.filter(event_type="privacy.otp_refused_locked").count() == 1


@override_settings(JOBDESK_OTP_THRESHOLD=5)
def test_fewer_wrong_codes_then_the_right_one_still_work(personas):
    client, totp = _enrolled_session(personas["adam"])
    StaffOTPDevice.objects.filter(user=personas["adam"]).update(last_used_step=0)
    for _ in range(4):
        client.post("/privacy/2fa/verify/", {"code": _wrong(totp)})
    response = client.post("/privacy/2fa/verify/", {"code": totp.now()})
    assert response.status_code == 302
