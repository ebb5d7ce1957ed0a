"""§24 target groups: encrypted, with proof and consent, for eligibility only — never matching."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.statutory.eligibility import groups_of
from jobdesk.statutory.models import TargetGroupRecord
from jobdesk.statutory.services.groups import record_target_group, withdraw_target_group
from tests.matching.factories import world

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup(personas, reference_data, rules):
    return world(personas)


def _record(seeker, alice, **extra):
    values = {
        "group_code": "rehabilitated_person",
        "proof": "更生保護會證明 第 42 號",
        "verified_on": timezone.localdate(),
        "valid_until": None,
        "consent": True,
    } | extra
    return record_target_group(seeker, actor=alice, **values)


def test_the_group_and_its_proof_are_stored_encrypted_and_kept_out_of_the_change_log(
    setup, personas
):
    record = _record(setup["seeker"], personas["alice"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT group_encrypted, proof_encrypted FROM statutory_targetgrouprecord"
            " WHERE id = %s",
            [record.pk],
        )
        raw_group, raw_proof = cursor.fetchone()
    assert "rehabilitated" not in raw_group
    assert "第 42 號" not in raw_proof
    assert TargetGroupRecord.objects.get(pk=record.pk).group_encrypted == "rehabilitated_person"
    event = AuditEvent.objects.get(event_type="statutory.target_group_recorded")
    assert "rehabilitated" not in str(event.after) + event.subject_label


def test_consent_is_required_and_a_withdrawn_group_no_longer_counts(setup, personas):
    alice, seeker = personas["alice"], setup["seeker"]
    with pytest.raises(ValidationError, match="須經求職者同意"):
        _record(seeker, alice, consent=False)
    record = _record(seeker, alice)
    assert "rehabilitated_person" in groups_of(seeker, timezone.localdate())
    withdraw_target_group(record, actor=alice)
    assert "rehabilitated_person" not in groups_of(seeker, timezone.localdate())
    # an expired proof does not count either
    _record(
        seeker,
        alice,
        group_code="low_income",
        verified_on=D(2026, 1, 5),
        valid_until=D(2026, 1, 31),
    )
    assert "low_income" not in groups_of(seeker, D(2026, 2, 1))


def test_the_matching_adapters_and_index_never_read_the_target_groups(setup, personas):
    # given: recorded target groups
    from jobdesk.cases.models import JobSeeker
    from jobdesk.matching import adapters
    from jobdesk.matching.index_service import build_index

    _record(setup["seeker"], personas["alice"])
    # when: matching builds its profiles and its index
    with CaptureQueriesContext(connection) as queries:
        list(adapters.seeker_profiles(JobSeeker.objects.all()))
        adapters.seeker_profile(setup["seeker"])
        build_index()
    # then: not one query touched the statutory tables
    sql = " ".join(q["sql"].lower() for q in queries.captured_queries)
    assert "jobseeker" in sql  # the capture saw the adapters' reads
    assert "statutory_" not in sql
