from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from jobdesk.audit.models import AuditEvent
from jobdesk.cases import services
from jobdesk.cases.models import JobSeeker, SensitiveCircumstances
from jobdesk.common.versioning import ConcurrentEditError
from tests.cases.factories import make_seeker, national_id, seeker_data

pytestmark = pytest.mark.django_db


def test_registration_stores_the_id_encrypted_hashed_and_masked(personas, reference_data):
    # given
    alice = personas["alice"]
    # when
    seeker = make_seeker(alice, n=123)
    # then
    raw_id = national_id(123)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_id_encrypted FROM cases_jobseeker WHERE id = %s", [seeker.pk]
        )
        stored = cursor.fetchone()[0]
    assert raw_id not in stored
    assert JobSeeker.objects.get(pk=seeker.pk).national_id_encrypted == raw_id
    assert seeker.national_id_masked == raw_id[:3] + "****" + raw_id[-3:]
    assert seeker.office == alice.office
    event = AuditEvent.objects.get(event_type="seeker.registered")
    assert raw_id not in str(event.after)


def test_a_bad_checksum_is_refused_and_nothing_is_saved(personas, reference_data):
    # given
    bad = national_id(5)[:-1] + str((int(national_id(5)[-1]) + 1) % 10)
    # when
    with pytest.raises(ValidationError) as exc:
        services.register_seeker(
            actor=personas["alice"],
            office=personas["alice"].office,
            national_id=bad,
            data=seeker_data(),
        )
    # then
    assert "檢查碼不符" in str(exc.value.message_dict["national_id"])
    assert not JobSeeker.objects.exists()


def test_a_duplicate_id_is_caught_through_the_hash(personas, reference_data):
    # given
    make_seeker(personas["alice"], n=77)
    # when: someone in another office registers the same person, lower-case and spaced
    with pytest.raises(ValidationError) as exc:
        services.register_seeker(
            actor=personas["charlie"],
            office=personas["charlie"].office,
            national_id=" " + national_id(77).lower(),
            data=seeker_data(
                township=personas["charlie"].office.township or seeker_data()["township"]
            ),
        )
    # then
    assert "已有求職登記" in str(exc.value.message_dict["national_id"])
    assert JobSeeker.objects.count() == 1


def test_resident_certificate_numbers_are_accepted(personas, reference_data):
    # given: a new-format 統一證號 (second digit 8)
    value = national_id(4321, letter="F", second=8)
    # when
    seeker = services.register_seeker(
        actor=personas["alice"],
        office=personas["alice"].office,
        national_id=value,
        data=seeker_data(),
    )
    # then
    assert seeker.id_kind == "resident_new"


def test_sensitive_circumstances_are_kept_apart_and_encrypted(personas, reference_data):
    # given / when
    seeker = make_seeker(personas["alice"])
    # then
    row = SensitiveCircumstances.objects.get(seeker=seeker)
    assert row.economic_situation_encrypted == "家中主要收入來源"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT economic_situation_encrypted FROM cases_sensitivecircumstances WHERE id = %s",
            [row.pk],
        )
        assert "家中" not in cursor.fetchone()[0]


def test_a_stale_version_is_refused(personas, reference_data):
    # given
    seeker = make_seeker(personas["alice"])
    services.update_seeker(
        seeker, actor=personas["bob"], expected_version=seeker.version, data={"phone": "0222222222"}
    )
    # when: alice saves a form she opened before bob's change
    with pytest.raises(ConcurrentEditError):
        services.update_seeker(
            seeker, actor=personas["alice"], expected_version=1, data={"phone": "0933333333"}
        )
    # then
    assert JobSeeker.objects.get(pk=seeker.pk).phone == "0222222222"


def test_an_outsider_cannot_change_a_seeker(personas, reference_data):
    # given
    seeker = make_seeker(personas["alice"])
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_seeker(
            seeker, actor=personas["charlie"], expected_version=seeker.version, data={"phone": "1"}
        )


def test_an_implausible_birth_date_is_refused(personas, reference_data):
    import datetime

    with pytest.raises(ValidationError) as exc:
        make_seeker(personas["alice"], birth_date=datetime.date.today())
    assert "15 歲" in str(exc.value.message_dict["birth_date"])
    assert not JobSeeker.objects.exists()
