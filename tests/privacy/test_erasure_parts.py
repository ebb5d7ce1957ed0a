"""Erasure (PDPA Art. 11), part by part: what counts as identifying, what is scrubbed, what is
counted, and how a retention run records itself."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.cases.models import Case, JobSeeker
from jobdesk.privacy.models import LegalHold, RetentionAction, RetentionPolicy, RetentionRun
from jobdesk.privacy.services import anonymise_seeker, place_legal_hold, purge_expired
from jobdesk.privacy.services.erasure import (
    ANONYMISED_NAME,
    REDACTED,
    _scrub_json,
    _scrub_queryset,
    identifying_values,
    scrub_rows_and_logs,
)
from tests.privacy.factories import make_case
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


def _person(**values):
    base = {"name": "", "national_id_encrypted": "", "phone": "", "email": "", "address": ""}
    return SimpleNamespace(**(base | values))


def test_identifying_values_longest_first_trimmed_and_at_least_two_characters():
    person = _person(
        name=" 王明 ", national_id_encrypted="A123456789", phone="7", email=None, address="臺北市"
    )
    assert identifying_values(person) == ["A123456789", "臺北市", "王明"]


def test_identifying_values_keeps_each_value_once():
    assert identifying_values(_person(name="林美華", address="林美華")) == ["林美華"]


def test_scrub_json_goes_into_lists_and_objects():
    value = {"a": ["林美華", {"b": "電話 0912-345-678"}], "n": 3, "none": None}
    assert _scrub_json(value, ["林美華", "0912-345-678"]) == {
        "a": [REDACTED, {"b": f"電話 {REDACTED}"}],
        "n": 3,
        "none": None,
    }


@pytest.fixture
def notes(offices):
    return [
        Note.objects.create(office=offices["a"], text=text)
        for text in ("林美華來電", "住三重", "無關", "林美華住三重")
    ]


def test_scrub_queryset_changes_the_rows_holding_any_secret_and_counts_them(notes):
    # given: two secrets; one row has the first only, one the second only, one both
    base = Note.objects.filter(pk__in=[n.pk for n in notes])
    # when
    changed = _scrub_queryset(Note._base_manager, base, Note, ["林美華", "三重"])
    # then
    assert changed == 3
    assert sorted(Note.objects.values_list("text", flat=True)) == sorted(
        [f"{REDACTED}來電", f"住{REDACTED}", "無關", f"{REDACTED}住{REDACTED}"]
    )


def _audit(subject, after, label=""):
    return AuditEvent.objects.create(
        event_type="test.event",
        subject_type="testapp.note",
        subject_id=str(subject.public_id),
        subject_label=label,
        after=after,
    )


def test_scrub_rows_and_logs_counts_rows_and_the_log_rows_about_them(notes):
    # given: a note with the name, two log rows about it (one with the name in its JSON, one
    # without), and a log row about another note that also holds the name
    mine, other = notes[0], notes[3]
    named = _audit(mine, {"text": ["林美華來電"], "x": None})
    plain = _audit(mine, {"text": "無關", "x": None})
    elsewhere = _audit(other, {"text": "林美華"})
    # when
    changed = scrub_rows_and_logs([mine], ["林美華"])
    # then: the note (text) and one log row (JSON)
    assert changed == 2
    named.refresh_from_db()
    assert named.after == {"text": [f"{REDACTED}來電"], "x": None}
    plain.refresh_from_db()
    assert plain.after == {"text": "無關", "x": None}
    elsewhere.refresh_from_db()
    assert elsewhere.after == {"text": "林美華"}


def test_scrub_rows_and_logs_with_nothing_to_look_for_changes_nothing(notes):
    assert scrub_rows_and_logs([notes[0]], []) == 0
    assert Note.objects.get(pk=notes[0].pk).text == "林美華來電"


def test_scrub_rows_and_logs_takes_rows_without_a_public_id(personas):
    alice = personas["alice"]
    alice.display_name = "林美華"
    alice.save(update_fields=["display_name"])
    assert scrub_rows_and_logs([alice], ["林美華"]) == 1
    alice.refresh_from_db()
    assert alice.display_name == REDACTED


def test_the_seeker_row_after_anonymisation(personas, reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(personas["alice"], birth_date=datetime.date(1970, 5, 1))
    seeker = case.seeker
    kind, basis = seeker.id_kind, seeker.pay_basis
    anonymise_seeker(seeker, actor=personas["alice"], reason="當事人請求刪除")
    row = JobSeeker._base_manager.get(pk=seeker.pk)
    assert row.name == ANONYMISED_NAME
    assert row.is_active is False
    assert row.national_id_encrypted == ""
    assert row.national_id_hash.startswith("anonymised:")
    assert (row.phone, row.email, row.address) == ("", "", "")
    assert row.birth_date is None
    assert (row.id_kind, row.pay_basis) == (kind, basis)  # kept: coded, not identifying
    assert row.created_at == seeker.created_at
    with pytest.raises(ValidationError, match="已匿名化"):
        anonymise_seeker(row, actor=personas["alice"], reason="again")


def _close(case, days):
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=days)
    )


def _policy(months=12, action=RetentionAction.ANONYMISE):
    RetentionPolicy.objects.update_or_create(
        pk=1, defaults={"months_after_closure": months, "action": action}
    )


def test_a_retention_run_records_its_action_counts_and_end(personas, reference_data):
    # given: three expired seekers, the first two on hold (created first, so listed last by the
    # seekers' newest-first order), and a released hold on the third
    alice = personas["alice"]
    ids = ["D112345670", "E112345671", "F112345672"]  # valid (tests/domain/test_identifiers_spec)
    cases = [make_case(alice, national_id=i, name=f"人{n}號") for n, i in enumerate(ids)]
    for case in cases:
        _close(case, 800)
    place_legal_hold(cases[0].seeker, actor=alice, reason="訴訟中")
    place_legal_hold(cases[1].seeker, actor=alice, reason="調查中")
    hold = place_legal_hold(cases[2].seeker, actor=alice, reason="已結束")
    LegalHold.objects.filter(pk=hold.pk).update(released_at=timezone.now())
    _policy(12)
    # when
    run = purge_expired()
    # then
    stored = RetentionRun.objects.get(pk=run.pk)
    assert stored.action == RetentionAction.ANONYMISE
    assert (stored.seekers_processed, stored.seekers_on_hold) == (1, 2)
    assert stored.rows_changed == run.rows_changed > 0
    assert stored.finished_at is not None
    assert JobSeeker._base_manager.get(pk=cases[2].seeker.pk).name == ANONYMISED_NAME


def test_a_retention_run_counts_from_the_day_it_is_given(personas, reference_data):
    # given: closed 100 days ago, 12 months' retention: not yet due today
    alice = personas["alice"]
    _close(make_case(alice), 100)
    _policy(12)
    assert purge_expired().seekers_processed == 0
    # when: the run is dated a year later
    run = purge_expired(now=timezone.now() + datetime.timedelta(days=365))
    # then
    assert run.seekers_processed == 1
    assert run.cutoff > RetentionRun.objects.order_by("pk").first().cutoff


def _rows_in_database():
    from django.apps import apps

    return sum(m._base_manager.count() for m in apps.get_models())


def test_delete_mode_counts_the_rows_it_deleted(personas, reference_data):
    alice = personas["alice"]
    case = make_case(alice)
    _close(case, 800)
    _policy(12, RetentionAction.DELETE)
    before = _rows_in_database()
    run = purge_expired()
    deleted = before + 1 - _rows_in_database()  # + 1: the RetentionRun row it wrote
    assert run.seekers_processed == 1
    assert not JobSeeker._base_manager.filter(pk=case.seeker_id).exists()
    assert deleted > 2
    assert run.rows_changed >= deleted
