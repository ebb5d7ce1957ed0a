"""A counsellor reading a record outside their own caseload states a reason first (PDPA Art. 27)."""

import pytest
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_case(personas, reference_data):
    return make_case(personas["alice"])


@pytest.mark.parametrize(
    "url_name", ["cases:case_detail", "cases:seeker_detail", "cases:assessment_create"]
)
def test_colleague_is_asked_for_a_reason_before_seeing_the_record(
    client_for, personas, alices_case, url_name
):
    # given bob, a counsellor of the same office who does not hold alice's case
    client = client_for(personas["bob"])
    target = alices_case if url_name != "cases:seeker_detail" else alices_case.seeker
    url = reverse(url_name, kwargs={"public_id": target.public_id})
    # when he opens it
    response = client.get(url)
    # then he sees the reason form, not the record
    body = response.content.decode()
    assert response.status_code == 200
    assert "調閱理由" in body
    assert alices_case.seeker.phone not in body
    # when he gives a reason
    response = client.post(url, {"outside_caseload_reason": "代理林雅婷休假期間的來電"})
    assert response.status_code == 302
    # then the read is logged with the reason, flagged, and the record opens
    event = AccessEvent.objects.get(outside_caseload=True, reason__startswith="代理")
    assert event.actor == personas["bob"]
    assert client.get(url).status_code == 200
    assert alices_case.seeker.name in client.get(url).content.decode()


def test_an_empty_reason_is_refused_in_chinese(client_for, personas, alices_case):
    client = client_for(personas["bob"])
    url = reverse("cases:case_detail", kwargs={"public_id": alices_case.public_id})
    body = client.post(url, {"outside_caseload_reason": ""}).content.decode()
    assert "請填寫調閱理由" in body
    assert not AccessEvent.objects.filter(outside_caseload=True).exists()


def test_own_caseload_and_supervisor_are_not_asked(client_for, personas, alices_case):
    url = reverse("cases:case_detail", kwargs={"public_id": alices_case.public_id})
    for who in ("alice", "sam"):
        body = client_for(personas[who]).get(url).content.decode()
        assert alices_case.seeker.name in body
        assert "調閱理由" not in body
