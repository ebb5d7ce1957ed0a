"""Two-factor authentication: required for administrators and auditors, TOTP, no replay."""

import pyotp
import pytest
from django.test import Client

from jobdesk.privacy.models import StaffOTPDevice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(user):
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_auditor_must_enrol_then_verify_each_session(personas):
    # given: a real login (no force_login shortcut)
    audrey = personas["audrey"]
    client = _login(audrey)
    # when: any page is asked for
    response = client.get("/audit/access/")
    # then: enrolment first
    assert response.status_code == 302
    assert response.url.startswith("/privacy/2fa/enrol/")
    page = client.get(response.url).content.decode()
    secret = StaffOTPDevice.objects.get(user=audrey).secret_encrypted
    assert secret in page
    assert "otpauth://totp/" in page
    # a wrong code is refused
    response = client.post("/privacy/2fa/enrol/", {"code": "000000", "next": "/audit/access/"})
    assert "驗證碼不正確" in response.content.decode()
    # the right code unlocks the session
    code = pyotp.TOTP(secret).now()  # kept: the replay below is this very code, whatever the clock
    response = client.post("/privacy/2fa/enrol/", {"code": code, "next": "/audit/access/"})
    assert response.status_code == 302
    assert response.url == "/audit/access/"
    assert client.get("/audit/access/").status_code == 200
    # a new session must verify, and the used code cannot be replayed
    second = _login(audrey)
    response = second.get("/audit/access/")
    assert response.url.startswith("/privacy/2fa/verify/")
    response = second.post("/privacy/2fa/verify/", {"code": code})
    assert "已使用過" in response.content.decode()


def test_secret_is_stored_encrypted(personas):
    from django.db import connection

    client = _login(personas["adam"])
    client.get("/privacy/2fa/enrol/")
    device = StaffOTPDevice.objects.get(user=personas["adam"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM privacy_staffotpdevice")
        raw = cursor.fetchone()[0]
    assert device.secret_encrypted not in raw


def test_counsellor_without_device_is_not_stopped(personas):
    client = _login(personas["alice"])
    assert client.get("/").status_code == 200
