"""ScopedModel: office subtree + role decide what a user sees; outside scope is a 404."""

import pytest
from django.db import transaction
from django.http import Http404

from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.versioning import ConcurrentEditError, save_versioned
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(offices):
    return {
        "a": Note.objects.create(office=offices["a"], text="centre A"),
        "a_desk": Note.objects.create(office=offices["a_desk"], text="desk under A"),
        "b": Note.objects.create(office=offices["b"], text="centre B"),
        "c": Note.objects.create(office=offices["c"], text="centre C"),
    }


def test_counsellor_sees_own_office_subtree_only(personas, notes):
    # given alice, a counsellor at centre A
    # when she lists notes
    seen = set(Note.objects.for_user(personas["alice"]).values_list("text", flat=True))
    # then she sees centre A and the desk below it, nothing of centre B or C
    assert seen == {"centre A", "desk under A"}


def test_outsider_sees_nothing_of_other_office(personas, notes):
    seen = set(Note.objects.for_user(personas["charlie"]).values_list("text", flat=True))
    assert seen == {"centre C"}


@pytest.mark.parametrize("who", ["adam", "audrey", "oscar"])
def test_roles_without_case_access_see_nothing(personas, notes, who):
    assert not Note.objects.for_user(personas[who]).exists()


def test_inactive_and_anonymous_see_nothing(personas, notes):
    from django.contrib.auth.models import AnonymousUser

    alice = personas["alice"]
    alice.is_active = False
    assert not Note.objects.for_user(alice).exists()
    assert not Note.objects.for_user(AnonymousUser()).exists()


def test_unknown_action_grants_nothing(personas, notes):
    assert not Note.objects.for_user(personas["alice"], action="delete").exists()


def test_lookup_outside_scope_is_404_not_403(personas, notes):
    assert get_for_user_or_404(Note, personas["alice"], notes["a"].public_id) == notes["a"]
    with pytest.raises(Http404):
        get_for_user_or_404(Note, personas["charlie"], notes["a"].public_id)
    with pytest.raises(Http404):
        get_for_user_or_404(Note, personas["alice"], "not-a-uuid")


def test_stale_version_is_refused_and_nothing_saved(notes):
    # given two people loaded the same note at version 1
    first = Note.objects.get(pk=notes["a"].pk)
    second = Note.objects.get(pk=notes["a"].pk)
    # when the first saves
    first.text = "first edit"
    with transaction.atomic():
        save_versioned(first, 1, ["text"])
    # then the second, still at version 1, is refused with a clear message
    second.text = "second edit"
    with pytest.raises(ConcurrentEditError) as excinfo, transaction.atomic():
        save_versioned(second, 1, ["text"])
    assert "已被其他人修改" in excinfo.value.messages[0]
    stored = Note.objects.get(pk=notes["a"].pk)
    assert (stored.text, stored.version) == ("first edit", 2)
