"""The lockout lasts JOBDESK_LOCKOUT_MINUTES minutes (PDPA Art. 27): not seconds, not forever."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from jobdesk.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3, JOBDESK_LOCKOUT_MINUTES=15)
def test_the_lock_ends_fifteen_minutes_after_the_last_failure(client, personas):
    # given
    before = timezone.now()
    # when: the third failure locks the account
    for _ in range(3):
        _login(client, "alice", "wrong")
    after = timezone.now()
    # then: locked until 15 minutes after that failure, whenever exactly it happened
    until = User.objects.get(username="alice").locked_until
    assert until is not None
    assert (
        before + datetime.timedelta(minutes=15) <= until <= after + datetime.timedelta(minutes=15)
    )


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3, JOBDESK_LOCKOUT_MINUTES=15)
def test_the_account_is_still_locked_a_minute_later(client, personas):
    # given: locked, then the clock moves on one minute (far more than 15 seconds)
    for _ in range(3):
        _login(client, "alice", "wrong")
    alice = User.objects.get(username="alice")
    one_minute_later = timezone.now() + datetime.timedelta(minutes=1)
    # then
    assert alice.locked_until is not None
    assert alice.locked_until > one_minute_later
    # and the right password is still refused now
    assert _login(client, "alice", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
