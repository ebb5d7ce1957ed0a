"""for_user(user, action) beyond view/change: the actions, odd users and rows without scope."""

import uuid

import pytest
from django.http import Http404

from jobdesk.accounts.models import Office
from jobdesk.audit.models import AccessEvent
from jobdesk.audit.services import record_access
from jobdesk.common.models import ScopedQuerySet
from jobdesk.common.scoping import get_for_user_or_404, is_within, office_subtree, path_is_within
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(offices):
    return Note.objects.create(office=offices["a"], text="centre A")


def test_the_action_asked_for_decides(personas, note, reference_data):
    # given: a seeker of centre A; the auditor (north branch) may read its access log, not it
    from tests.privacy.factories import make_seeker

    seeker = make_seeker(personas["alice"])
    audrey = personas["audrey"]
    # then
    from jobdesk.cases.models import JobSeeker

    assert get_for_user_or_404(JobSeeker, audrey, seeker.public_id, "log") == seeker
    with pytest.raises(Http404):
        get_for_user_or_404(JobSeeker, audrey, seeker.public_id)
    assert get_for_user_or_404(JobSeeker, personas["oscar"], seeker.public_id, "match") == seeker
    with pytest.raises(Http404):
        get_for_user_or_404(JobSeeker, personas["charlie"], seeker.public_id, "match")


def test_a_malformed_or_unknown_id_is_404(personas, note):
    for value in ("not-a-uuid", uuid.uuid4()):
        with pytest.raises(Http404):
            get_for_user_or_404(Note, personas["alice"], value)
    assert get_for_user_or_404(Note, personas["alice"], str(note.public_id)) == note


def test_no_user_or_a_bare_object_sees_nothing(note):
    assert list(Note.objects.for_user(None)) == []
    assert list(Note.objects.for_user(object())) == []


def test_a_model_without_scope_roles_grants_nothing(personas, offices):
    assert list(ScopedQuerySet(model=Office).for_user(personas["alice"])) == []


def test_logs_are_scoped_through_their_office(personas, note, offices):
    # given: access-log rows in centre A and centre C (the logs have no office_lookup of their own)
    record_access(actor=personas["alice"], subject=note)
    other = Note.objects.create(office=offices["c"], text="centre C")
    record_access(actor=personas["charlie"], subject=other)
    # then
    seen = {e.office_id for e in AccessEvent.objects.for_user(personas["sam"], "log")}
    assert seen == {offices["a"].pk}
    assert list(AccessEvent.objects.for_user(personas["alice"], "log")) == []  # not a log role


def test_path_helpers(offices):
    a, desk, b = offices["a"], offices["a_desk"], offices["b"]
    assert set(office_subtree(a)) == {a, desk}
    assert is_within(desk, a)
    assert is_within(a, a)
    assert not is_within(b, a)
    assert not is_within(None, a)
    assert path_is_within(desk.path, a)
    assert not path_is_within(None, a)
    assert not path_is_within(desk.path, None)
