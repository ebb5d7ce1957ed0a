"""LockoutModelBackend alone: what is counted, when the lock starts, what the form learns."""

import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from jobdesk.accounts.backends import LockoutModelBackend
from jobdesk.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
backend = LockoutModelBackend()


def _request():
    return RequestFactory().post("/accounts/login/")


def _count(username="alice"):
    return User.objects.get(username=username).failed_login_count


def test_a_missing_password_or_username_is_not_a_failed_attempt(personas):
    assert backend.authenticate(_request(), username="alice", password=None) is None
    assert backend.authenticate(_request(), username="", password="x") is None
    assert _count() == 0


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3)
def test_each_failure_counts_one(personas):
    backend.authenticate(_request(), username="alice", password="wrong")
    assert _count() == 1
    backend.authenticate(_request(), username="alice", password="wrong")
    assert _count() == 2


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3, JOBDESK_LOCKOUT_MINUTES=15)
def test_the_failure_that_locks_tells_the_form_and_restarts_the_count(personas):
    request = None
    for _ in range(3):
        request = _request()
        assert backend.authenticate(request, username="alice", password="wrong") is None
    alice = User.objects.get(username="alice")
    assert alice.locked_until is not None
    assert request.jobdesk_locked_until == alice.locked_until
    assert alice.failed_login_count == 0


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=3)
def test_a_locked_account_tells_the_form_until_when(personas):
    until = timezone.now() + datetime.timedelta(minutes=10)
    User.objects.filter(username="alice").update(locked_until=until)
    request = _request()
    assert backend.authenticate(request, username="alice", password=PASSWORD) is None
    assert request.jobdesk_locked_until == until


@override_settings(JOBDESK_LOCKOUT_THRESHOLD=5)
def test_a_success_clears_earlier_failures(personas):
    User.objects.filter(username="alice").update(failed_login_count=2)
    assert backend.authenticate(_request(), username="alice", password=PASSWORD) is not None
    assert _count() == 0


def test_user_can_authenticate(personas):
    alice = User.objects.get(username="alice")
    assert backend.user_can_authenticate(alice)
    alice.locked_until = timezone.now() + datetime.timedelta(minutes=1)
    assert not backend.user_can_authenticate(alice)  # locked
    bob = User.objects.get(username="bob")
    bob.is_active = False
    assert not backend.user_can_authenticate(bob)  # inactive, not locked

    class Plain:  # a user object without the lockout fields (another user model, a stub)
        is_active = True

    assert backend.user_can_authenticate(Plain())
