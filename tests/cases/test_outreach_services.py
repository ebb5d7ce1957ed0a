from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jobdesk.cases import services
from jobdesk.cases.models import Case, CaseStatus, JobSeeker, LeadSource, LeadStatus
from jobdesk.cases.selectors import source_statistics
from tests.cases.factories import national_id, seeker_data

pytestmark = pytest.mark.django_db


def _event(user):
    return services.create_outreach_event(
        actor=user,
        office=user.office,
        title="三重就業博覽會",
        kind="job_fair",
        place="三重區公所",
        held_on=datetime.date.today(),
    )


def test_a_lead_captured_at_an_event_becomes_a_seeker_and_a_case(personas, reference_data):
    # given
    alice = personas["alice"]
    lead = services.capture_lead(
        actor=alice, event=_event(alice), name="陳美華", phone="0911-222-333"
    )
    # when
    data = seeker_data()
    del data["name"], data["phone"]
    case = services.convert_lead(lead, actor=alice, national_id=national_id(9), data=data)
    # then: no retyping, the lead is converted, the case is open and counted by source
    lead.refresh_from_db()
    assert case.seeker.name == "陳美華"
    assert case.seeker.phone == "0911-222-333"
    assert case.status == CaseStatus.OPEN
    assert case.lead == lead
    assert lead.status == LeadStatus.CONVERTED
    assert lead.seeker == case.seeker
    stats = source_statistics(alice)
    assert (stats[0].leads, stats[0].converted, stats[0].rate) == (1, 1, 100)


def test_a_conversion_with_a_bad_id_saves_nothing(personas, reference_data):
    # given
    alice = personas["alice"]
    lead = services.capture_lead(
        actor=alice, event=_event(alice), name="陳美華", phone="0911222333"
    )
    # when
    with pytest.raises(ValidationError):
        services.convert_lead(lead, actor=alice, national_id="A123456788", data=seeker_data())
    # then
    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW
    assert not JobSeeker.objects.exists()
    assert not Case.objects.exists()


def test_a_lead_needs_a_reachable_phone(personas, reference_data):
    alice = personas["alice"]
    with pytest.raises(ValidationError) as exc:
        services.capture_lead(actor=alice, event=_event(alice), name="林", phone="12")
    assert "電話" in str(exc.value.message_dict["phone"])


def test_a_lead_is_converted_or_declined_once(personas, reference_data):
    alice = personas["alice"]
    lead = services.capture_lead(
        actor=alice, office=alice.office, source=LeadSource.WALK_IN, name="林", phone="0222334455"
    )
    services.decline_lead(lead, actor=alice)
    with pytest.raises(ValidationError):
        services.convert_lead(lead, actor=alice, national_id=national_id(3), data=seeker_data())


def test_an_outsider_cannot_capture_at_another_offices_event(personas, reference_data):
    from django.core.exceptions import PermissionDenied

    event = _event(personas["alice"])
    with pytest.raises(PermissionDenied):
        services.capture_lead(actor=personas["charlie"], event=event, name="林", phone="0222334455")
