"""Registering employers (統一編號 checked and unique) and the labour-dispute flag (§10)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jobdesk.audit.models import AuditEvent
from jobdesk.common.versioning import ConcurrentEditError
from jobdesk.employers.models import Employer
from jobdesk.employers.services import (
    lift_labour_dispute,
    register_employer,
    set_labour_dispute,
    update_employer,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)


def test_register_checks_the_ubn_checksum(reference_data, personas, offices):
    # given / when
    with pytest.raises(ValidationError) as caught:
        register_employer(actor=personas["oscar"], office=offices["a"], name="甲", ubn="04595258")
    # then
    assert "ubn" in caught.value.message_dict
    assert not Employer.objects.exists()


def test_duplicate_ubn_is_caught_even_in_another_office(employer, personas, offices):
    # when
    with pytest.raises(ValidationError) as caught:
        register_employer(actor=personas["tina"], office=offices["c"], name="乙", ubn="04595257")
    # then
    assert "已登錄" in caught.value.message_dict["ubn"][0]
    assert Employer.objects.count() == 1


def test_register_is_audited(employer):
    assert AuditEvent.objects.filter(
        event_type="employer.registered", subject_id=str(employer.public_id)
    ).exists()


def test_update_uses_optimistic_locking(employer, oscar):
    # given: someone saved first
    update_employer(employer, actor=oscar, expected_version=1, notes="第一次")
    # when / then
    with pytest.raises(ConcurrentEditError):
        update_employer(employer, actor=oscar, expected_version=1, notes="過期")
    employer.refresh_from_db()
    assert employer.notes == "第一次"


def test_dispute_stands_between_its_dates(employer, oscar):
    # when
    set_labour_dispute(employer, actor=oscar, kind="strike", started_on=DAY)
    employer.refresh_from_db()
    # then
    assert not employer.dispute_active(DAY - datetime.timedelta(days=1))
    assert employer.dispute_active(DAY)
    assert employer.dispute_active(DAY + datetime.timedelta(days=100))


def test_lifting_the_dispute_ends_it_the_day_after(employer, oscar):
    # given
    set_labour_dispute(employer, actor=oscar, kind="lockout", started_on=DAY)
    # when
    lift_labour_dispute(employer, actor=oscar, ended_on=DAY + datetime.timedelta(days=3))
    employer.refresh_from_db()
    # then
    assert employer.dispute_active(DAY + datetime.timedelta(days=3))
    assert not employer.dispute_active(DAY + datetime.timedelta(days=4))
    events = AuditEvent.objects.filter(subject_id=str(employer.public_id))
    assert {"employer.dispute_set", "employer.dispute_lifted"} <= set(
        events.values_list("event_type", flat=True)
    )


def test_dispute_end_before_start_is_refused(employer, oscar):
    with pytest.raises(ValidationError):
        set_labour_dispute(
            employer,
            actor=oscar,
            kind="strike",
            started_on=DAY,
            ended_on=DAY - datetime.timedelta(1),
        )
    employer.refresh_from_db()
    assert employer.dispute_kind == ""
