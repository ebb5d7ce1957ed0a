"""The caseload gate step by step: one reason per seeker, the exact log row, a safe way back."""

import pytest
from django.test import RequestFactory

from jobdesk.audit.models import AccessEvent
from jobdesk.privacy import access
from tests.matching.factories import national_id
from tests.privacy.factories import make_case

pytestmark = pytest.mark.django_db

REASON = "代理休假同仁處理轉介回覆"


def _request(user, method="get", path="/cases/x/", data=None, session=None):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    request.session = {} if session is None else session
    return request


@pytest.fixture
def seekers(personas, reference_data):
    first = make_case(personas["alice"]).seeker
    second = make_case(personas["alice"], name="王大明", national_id=national_id(5)).seeker
    return first, second


def test_the_reason_page_is_unbound_on_a_read_and_shows_the_masked_id(seekers, personas):
    seeker = seekers[0]
    response = access.caseload_gate(_request(personas["bob"]), seeker)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="outside_caseload_reason"' in page
    assert 'id="id_outside_caseload_reason"' in page
    assert seeker.national_id_masked in page
    assert "csrfmiddlewaretoken" in page  # rendered with the request
    assert "請填寫調閱理由" not in page  # a first read is not an error
    assert not AccessEvent.objects.exists()


def test_a_post_of_the_view_itself_gets_the_page_with_the_reason_required(seekers, personas):
    response = access.caseload_gate(_request(personas["bob"], "post", data={"x": "1"}), seekers[0])
    assert "請填寫調閱理由" in response.content.decode()
    assert not AccessEvent.objects.exists()


def test_a_reason_is_logged_exactly_and_sends_back_to_the_page_asked(seekers, personas):
    session: dict[str, object] = {}
    request = _request(
        personas["bob"],
        "post",
        path="/cases/x/?tab=notes",
        data={"outside_caseload_reason": REASON},
        session=session,
    )
    response = access.caseload_gate(request, seekers[0])
    assert response.status_code == 302
    assert response["Location"] == "/cases/x/?tab=notes"
    event = AccessEvent.objects.get()
    assert (event.actor, event.action, event.what, event.reason, event.outside_caseload) == (
        personas["bob"],
        "view",
        "非本人承辦之個案資料",
        REASON,
        True,
    )
    assert event.subject_id == str(seekers[0].public_id)
    assert session[access.SESSION_KEY] == [str(seekers[0].public_id)]


def test_a_reason_for_one_seeker_is_not_a_reason_for_another(seekers, personas):
    first, second = seekers
    session: dict[str, object] = {}
    post = {"outside_caseload_reason": REASON}
    access.caseload_gate(_request(personas["bob"], "post", data=post, session=session), first)
    assert access.caseload_gate(_request(personas["bob"], session=session), first) is None
    asked = access.caseload_gate(_request(personas["bob"], session=session), second)
    assert asked is not None
    assert asked.status_code == 200


def test_an_unsafe_way_back_goes_home(seekers, personas):
    request = _request(personas["bob"], "post", data={"outside_caseload_reason": REASON})
    request.path = "//evil.example/x"  # a path that a browser reads as another host
    response = access.caseload_gate(request, seekers[0])
    assert response["Location"] == "/"


def test_the_session_remembers_the_last_200_seekers(seekers, personas):
    earlier = [f"k{i}" for i in range(200)]
    session = {access.SESSION_KEY: list(earlier)}
    post = {"outside_caseload_reason": REASON}
    access.caseload_gate(_request(personas["bob"], "post", data=post, session=session), seekers[0])
    kept = session[access.SESSION_KEY]
    assert len(kept) == 200
    assert kept == [*earlier[1:], str(seekers[0].public_id)]


def test_a_session_value_that_is_not_a_list_grants_nothing(personas):
    key = "abc"
    request = _request(personas["bob"], session={access.SESSION_KEY: key})
    assert access._granted(request) == []
    assert access._granted(_request(personas["bob"])) == []
    assert access._granted(_request(personas["bob"], session={access.SESSION_KEY: ["a"]})) == ["a"]
