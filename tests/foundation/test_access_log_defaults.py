"""Access-log rows written in bulk and for lists: the defaults and offices they carry exactly."""

from types import SimpleNamespace

import pytest

from jobdesk.audit.models import AccessEvent, AuditEvent
from jobdesk.audit.services import (
    _jsonable,
    record_access,
    record_accesses,
    record_event,
    record_list_reads,
    snapshot,
)
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _made_up_types_are_written(settings):
    settings.JOBDESK_STRICT_EVENT_TYPES = False


@pytest.fixture
def note(offices):
    return Note.objects.create(office=offices["a"], text="林美華來電")


def test_a_model_without_a_public_id_is_written_as_its_pk(personas):
    assert _jsonable(personas["alice"]) == str(personas["alice"].pk)


def test_any_encrypted_or_hashed_name_is_masked_before_it_is_looked_up(note):
    assert snapshot(note, ["phone_encrypted", "email_hash"]) == {
        "phone_encrypted": "［已遮蔽］",
        "email_hash": "［已遮蔽］",
    }


def test_a_change_on_a_subject_without_an_office(offices):
    event = record_event("office.changed", actor=None, subject=offices["a"])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.office is None
    assert stored.event_type == "office.changed"


def test_an_actor_that_is_not_saved_is_named_but_not_linked(note):
    cron = SimpleNamespace(pk=None, username="cron")
    event = record_event("note.swept", actor=cron, subject=note)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_label) == (None, "cron")


def test_an_access_to_a_record_of_another_office_logs_the_office_given(note, personas, offices):
    event = record_access(actor=personas["alice"], subject=note, office=offices["b"])
    assert AccessEvent.objects.get(pk=event.pk).office == offices["b"]


def test_an_access_to_a_subject_without_an_office(personas, offices):
    event = record_access(actor=personas["alice"], subject=offices["a"])
    assert AccessEvent.objects.get(pk=event.pk).office is None


def test_bulk_rows_have_no_reason_and_are_not_outside_the_caseload(note, personas):
    (row,) = record_accesses(actor=personas["alice"], subjects=[(note, None)])
    stored = AccessEvent.objects.get(pk=row.pk)
    assert (stored.action, stored.what, stored.reason, stored.outside_caseload) == (
        "view",
        "",
        "",
        False,
    )


def test_a_list_logs_one_view_per_record_shown(note, personas, offices):
    other = Note.objects.create(office=offices["b"], text="另一位")
    record_list_reads(personas["sam"], [note, other], "求職者名單")
    rows = {e.subject_id: e for e in AccessEvent.objects.all()}
    assert set(rows) == {str(note.public_id), str(other.public_id)}
    for event, office in (
        (rows[str(note.public_id)], offices["a"]),
        (rows[str(other.public_id)], offices["b"]),
    ):
        assert (event.actor, event.action, event.what, event.office) == (
            personas["sam"],
            "view",
            "求職者名單",
            office,
        )
