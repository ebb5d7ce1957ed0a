"""Office subtrees are whole path segments: centre A1 does not see its sibling A10.

Office codes may be prefixes of one another (A1, A10, A1-X); a subtree is the office itself and
the offices *below* it, never a sibling whose code merely starts with the same characters.
"""

import pytest

from jobdesk.accounts.models import Office, OfficeKind
from jobdesk.accounts.roles import Role
from jobdesk.accounts.services import offices_within
from tests.conftest import make_user
from tests.testapp.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def prefix_offices(offices):
    branch = offices["north"]
    a1 = Office.objects.create(code="A1", name="一號中心", kind=OfficeKind.CENTRE, parent=branch)
    a10 = Office.objects.create(code="A10", name="十號中心", kind=OfficeKind.CENTRE, parent=branch)
    desk = Office.objects.create(code="A1-X", name="一號服務台", kind=OfficeKind.DESK, parent=a1)
    desk10 = Office.objects.create(code="A10X", name="十號服務台", kind=OfficeKind.DESK, parent=a10)
    return {"a1": a1, "a10": a10, "a1_desk": desk, "a10_desk": desk10}


def test_a_user_of_a1_sees_a1_and_its_desk_but_not_a10(prefix_offices):
    # given
    counsellor = make_user("a1user", Role.COUNSELLOR, prefix_offices["a1"])
    for key, office in prefix_offices.items():
        Note.objects.create(office=office, text=key)
    # when
    seen = set(Note.objects.for_user(counsellor).values_list("text", flat=True))
    # then
    assert seen == {"a1", "a1_desk"}


def test_the_subtree_of_an_office_is_whole_segments(prefix_offices):
    subtree = set(offices_within(prefix_offices["a1"]).values_list("code", flat=True))
    assert subtree == {"A1", "A1-X"}
    assert prefix_offices["a1_desk"].is_within(prefix_offices["a1"])
    assert not prefix_offices["a10"].is_within(prefix_offices["a1"])
    assert not prefix_offices["a10_desk"].is_within(prefix_offices["a1"])
