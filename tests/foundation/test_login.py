"""Login, lockout after repeated failures, logout, password change, idle timeout — in zh-Hant."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobdesk.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_is_traditional_chinese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "登入 jobdesk" in body
    assert 'lang="zh-Hant-TW"' in body


def test_successful_login_goes_home(client, personas):
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_empty_and_wrong_credentials_get_chinese_messages(client, personas):
    body = _login(client, "", "").content.decode()
    assert "請輸入帳號。" in body
    assert "請輸入密碼。" in body
    body = _login(client, "alice", "wrong").content.decode()
    assert "帳號或密碼不正確" in body


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3, JOBDESK_LOCKOUT_MINUTES=15)
def test_lockout_after_repeated_failures_even_with_right_password(client, personas):
    for _ in range(3):
        _login(client, "alice", "wrong")
    alice = User.objects.get(username="alice")
    assert alice.is_locked
    # the right password no longer works while locked, and the message says why
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert "暫時鎖定" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3)
def test_lock_expires_and_success_resets_the_count(client, personas):
    User.objects.filter(username="alice").update(
        locked_until=timezone.now() - datetime.timedelta(minutes=1), failed_login_count=2
    )
    assert _login(client, "alice", PASSWORD).status_code == 302
    alice = User.objects.get(username="alice")
    assert (alice.failed_login_count, alice.locked_until) == (0, None)


def test_unknown_user_does_not_crash_or_leak(client, personas):
    body = _login(client, "nobody", "whatever").content.decode()
    assert "帳號或密碼不正確" in body


def test_logout_is_post_only_and_ends_session(client, personas):
    client.force_login(personas["alice"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_change_validates_in_chinese_and_audits(client, personas):
    from jobdesk.audit.models import AuditEvent

    client.force_login(personas["alice"])
    url = reverse("accounts:password_change")
    body = client.post(url, {"old_password": "bad", "new_password1": "x", "new_password2": "y"})
    assert "目前的密碼不正確" in body.content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "新密碼-很長-2026x",
            "new_password2": "新密碼-很長-2026x",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type="accounts.password_changed").count() == 1


@override_settings(JOBDESK_SESSION_IDLE_MINUTES=1)
def test_idle_session_times_out(client, personas):
    client.force_login(personas["alice"])
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session["jobdesk_last_seen"] = timezone.now().timestamp() - 120
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3, JOBDESK_LOCKOUT_MINUTES=15)
def test_an_unknown_name_locks_like_a_real_one(client, personas):
    # given the same failures against a real and an invented account name
    for _ in range(3):
        _login(client, "alice", "wrong")
        _login(client, "no-such-person", "wrong")
    # then both answers are the same lock message: the page tells nothing about which exists
    real = _login(client, "alice", "wrong").content.decode()
    invented = _login(client, "no-such-person", "wrong").content.decode()
    assert "已暫時鎖定" in real
    assert "已暫時鎖定" in invented


@override_settings(
    JOBDESK_LOCKOUT_THRESHOLD=100,
    JOBDESK_LOGIN_ADDRESS_THRESHOLD=10,
    JOBDESK_LOGIN_ADDRESS_WINDOW_MINUTES=15,
)
def test_password_spraying_from_one_address_is_throttled(client, personas):
    # given ten failures over ten different names from one address
    for i in range(10):
        _login(client, f"user{i}", "Spring2026!")
    # then even a right password from that address is refused for a while, and says why
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 200
    assert "網路位址" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # while another address can still log in
    from django.test import Client

    other = Client(REMOTE_ADDR="10.1.2.3")
    assert _login(other, "alice", PASSWORD).status_code == 302
