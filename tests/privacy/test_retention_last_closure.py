"""Retention (PDPA Art. 11) counts from a person's *last* closed case, not the first.

A job seeker who came back keeps their data while the later case's retention runs: erasing them
because an earlier case closed long ago would destroy the record a current case still needs.
"""

import datetime

import pytest
from django.utils import timezone

from jobdesk.cases.models import Case, JobSeeker
from jobdesk.cases.services import open_case
from jobdesk.privacy.models import RetentionAction, RetentionPolicy
from jobdesk.privacy.services import purge_expired
from jobdesk.privacy.services.erasure import expired_seekers
from tests.privacy.factories import make_case

pytestmark = pytest.mark.django_db


def _close(case, days_ago):
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def _two_closed_cases(alice, first_days_ago, second_days_ago, **seeker):
    first = make_case(alice, **seeker)
    _close(first, first_days_ago)
    second = open_case(first.seeker, actor=alice)
    _close(second, second_days_ago)
    return first.seeker


def _policy(months):
    RetentionPolicy.objects.update_or_create(
        pk=1, defaults={"months_after_closure": months, "action": RetentionAction.ANONYMISE}
    )


def test_a_later_case_keeps_the_data_of_a_returning_seeker(personas, reference_data):
    # given: a first case closed four years ago, a second closed last month; 36 months' retention
    alice = personas["alice"]
    seeker = _two_closed_cases(alice, 4 * 365, 30)
    _policy(36)
    # when
    run = purge_expired()
    # then
    assert run.seekers_processed == 0
    assert JobSeeker.objects.get(pk=seeker.pk).name == "林美華"


def test_both_cases_past_retention_erases_the_seeker(personas, reference_data):
    # given: the control: the later case too closed over 36 months ago
    alice = personas["alice"]
    seeker = _two_closed_cases(alice, 5 * 365, 4 * 365)
    _policy(36)
    # when
    run = purge_expired()
    # then
    assert run.seekers_processed == 1
    assert JobSeeker._base_manager.get(pk=seeker.pk).name != "林美華"


def test_the_selection_is_by_the_latest_closure_date(personas, reference_data):
    # given: "returning" closed 4 years and 30 days ago; "gone" closed 4 years and 900 days ago
    alice = personas["alice"]
    returning = _two_closed_cases(alice, 4 * 365, 30)
    gone = _two_closed_cases(
        alice, 4 * 365, 900, name="王大明", national_id="B120000008", phone="0922-000-111"
    )
    days_ago = lambda days: timezone.now() - datetime.timedelta(days=days)  # noqa: E731
    # when / then: a 3-year cutoff is after every first closure but before every last one
    assert not expired_seekers(days_ago(3 * 365)).filter(pk__in=[returning.pk, gone.pk]).exists()
    # a 2-year cutoff is after gone's last closure only
    selected = set(expired_seekers(days_ago(2 * 365)).values_list("pk", flat=True))
    assert selected == {gone.pk}
