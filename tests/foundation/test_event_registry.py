"""The change log's event types come from one registry (jobdesk/audit/events.py): the writer
refuses a type that is not in it, so a typo or a new type without a zh-Hant name fails here
and in every test that writes it, not on an auditor's page."""

from __future__ import annotations

import pytest

from jobdesk.audit.events import EVENTS, Event, UnknownEventType, is_registered
from jobdesk.audit.labels import EVENT_LABELS, event_label
from jobdesk.audit.models import AuditEvent
from jobdesk.audit.services import record_event

pytestmark = pytest.mark.django_db


def test_an_unregistered_type_is_refused_and_nothing_is_written(personas):
    # given
    adam = personas["adam"]
    # when / then
    with pytest.raises(UnknownEventType, match=r"case\.opend"):
        record_event("case.opend", actor=adam, subject=adam)
    assert not AuditEvent.objects.filter(event_type="case.opend").exists()


@pytest.mark.parametrize(
    "event_type", [Event.CASE_OPENED, "matching.reply_hired", "admin.changed.user"]
)
def test_registered_types_and_the_run_time_families_are_written(personas, event_type):
    adam = personas["adam"]
    record_event(event_type, actor=adam, subject=adam)
    assert AuditEvent.objects.filter(event_type=str(event_type)).count() == 1


@pytest.mark.parametrize(
    "event_type", ["matching.reply_lost", "admin.renamed.user", "admin.changed.", "case"]
)
def test_a_family_with_an_unknown_part_is_not_registered(event_type):
    assert not is_registered(event_type)


def test_the_names_are_the_registrys():
    assert EVENT_LABELS is EVENTS
    assert all(event_label(e.value) == e.label for e in Event)
    assert Event.CASE_OPENED.value == "case.opened"
    assert len(set(EVENTS)) == len(Event)


def test_production_writes_an_unregistered_type_rather_than_lose_the_record(settings, personas):
    settings.JOBDESK_STRICT_EVENT_TYPES = False
    adam = personas["adam"]
    record_event("case.opend", actor=adam, subject=adam)
    assert AuditEvent.objects.filter(event_type="case.opend").exists()
