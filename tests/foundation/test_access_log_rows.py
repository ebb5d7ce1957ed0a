"""Change-log and access-log rows (PDPA Art. 27): who, what, from where, nothing secret."""

import datetime
import decimal
import uuid

import pytest

from jobdesk.audit.models import AccessEvent, AuditEvent
from jobdesk.audit.services import (
    _jsonable,
    record_access,
    record_accesses,
    record_event,
    snapshot,
    subject_of,
)
from jobdesk.common.request_context import client_ip
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _made_up_types_are_written(settings):
    # the rows here use made-up types (note.changed, note.swept) on the test app's model
    settings.JOBDESK_STRICT_EVENT_TYPES = False


@pytest.fixture
def note(offices):
    return Note.objects.create(office=offices["a"], text="林美華來電")


@pytest.fixture
def from_address():
    token = client_ip.set("203.0.113.7")
    yield "203.0.113.7"
    client_ip.reset(token)


def test_values_become_json(note):
    key = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert _jsonable(
        {
            1: datetime.date(2026, 1, 2),
            "t": datetime.datetime(2026, 1, 2, 3, 4, 5),
            "h": datetime.time(9, 30),
            "d": decimal.Decimal("1.50"),
            "u": key,
            "n": None,
            "b": True,
            "i": 3,
            "f": 0.5,
            "s": "字",
            "l": (1, [2, {3}]),
            "m": note,
            "o": Note,
        }
    ) == {
        "1": "2026-01-02",
        "t": "2026-01-02T03:04:05",
        "h": "09:30:00",
        "d": "1.50",
        "u": str(key),
        "n": None,
        "b": True,
        "i": 3,
        "f": 0.5,
        "s": "字",
        "l": [1, [2, [3]]],
        "m": str(note.public_id),
        "o": str(Note),
    }


def test_a_snapshot_hides_secrets_and_reads_foreign_keys_by_id(note, offices):
    snap = snapshot(note)
    assert snap["text"] == "林美華來電"
    assert snap["office"] == offices["a"].pk
    assert snap["public_id"] == str(note.public_id)
    assert snapshot(note, ["text"]) == {"text": "林美華來電"}


def test_a_snapshot_masks_passwords_hashes_and_encrypted_fields(personas):
    snap = snapshot(personas["alice"], ["password", "username"])
    assert snap == {"password": "［已遮蔽］", "username": "alice"}

    from jobdesk.cases.models import JobSeeker  # names alone decide: *_encrypted, *_hash

    names = ["national_id_encrypted", "national_id_hash", "name"]
    seeker = JobSeeker(name="林美華", national_id_encrypted="A123456789", national_id_hash="h")
    snap = snapshot(seeker, names)
    assert snap == {
        "national_id_encrypted": "［已遮蔽］",
        "national_id_hash": "［已遮蔽］",
        "name": "林美華",
    }


def test_subject_is_the_public_id_or_the_pk(note, personas):
    assert subject_of(note) == ("testapp.note", str(note.public_id))
    assert subject_of(personas["alice"]) == ("accounts.user", str(personas["alice"].pk))


def test_a_change_log_row(note, personas, offices, from_address):
    alice = personas["alice"]
    event = record_event(
        "note.changed",
        actor=alice,
        subject=note,
        before={"a": 1},
        after={"d": datetime.date(2026, 1, 2)},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == alice
    assert stored.actor_label == "alice"
    assert stored.office == offices["a"]  # the subject's office
    assert (stored.subject_type, stored.subject_id) == ("testapp.note", str(note.public_id))
    assert stored.subject_label == "林美華來電"
    assert (stored.before, stored.after) == ({"a": 1}, {"d": "2026-01-02"})
    assert stored.ip_address == from_address


def test_a_system_change_and_an_explicit_office_and_label(note, offices):
    event = record_event(
        "note.swept", actor=None, subject=note, office=offices["b"], label="x" * 300
    )
    assert event.actor is None
    assert event.actor_label == "system"
    assert event.office == offices["b"]
    assert event.subject_label == "x" * 200
    assert (event.before, event.after, event.ip_address) == (None, None, None)


def test_an_access_log_row(note, personas, offices, from_address):
    alice = personas["alice"]
    event = record_access(
        actor=alice,
        subject=note,
        action="print",
        what="w" * 250,
        reason="r" * 600,
        outside_caseload=True,
    )
    stored = AccessEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_label) == (alice, "alice")
    assert stored.office == offices["a"]
    assert stored.action == "print"
    assert (stored.subject_type, stored.subject_id) == ("testapp.note", str(note.public_id))
    assert (stored.what, stored.reason) == ("w" * 200, "r" * 500)
    assert stored.outside_caseload is True
    assert stored.ip_address == from_address


def test_an_access_log_row_defaults(note, personas):
    event = record_access(actor=personas["alice"], subject=note)
    assert (event.action, event.what, event.reason, event.outside_caseload) == (
        "view",
        "",
        "",
        False,
    )


def test_a_list_logs_every_record_shown_with_its_office(note, personas, offices):
    other = Note.objects.create(office=offices["b"], text="另一位")
    rows = record_accesses(
        actor=personas["sam"],
        subjects=[(note, None), (other, offices["a"])],
        action="search",
        what="名單",
    )
    assert len(rows) == 2
    stored = {e.subject_id: e for e in AccessEvent.objects.all()}
    assert stored[str(note.public_id)].office == offices["a"]
    assert stored[str(other.public_id)].office == offices["a"]  # the office given
    assert {e.action for e in stored.values()} == {"search"}
    assert {e.what for e in stored.values()} == {"名單"}
    assert record_accesses(actor=personas["sam"], subjects=[]) == []
