"""Query counts of the referral pages: the number of queries does not grow with the rows shown.

Each test renders a page with a few rows and again with many, as the persona who works from it,
and checks the count is the same and under a ceiling (see docs/referrals.md).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobdesk.referrals.models import Referral, ReferralResource, ResourceKind
from jobdesk.referrals.services import record_follow_up, send_referral
from tests.cases.factories import national_id
from tests.privacy.factories import make_case, make_referral, sign

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
_serial = itertools.count(500)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _get(client: Any, url: str) -> tuple[Any, int]:
    """GET ``url`` and return the response with the number of queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def _case(counsellor: Any) -> Any:
    return make_case(counsellor, national_id=national_id(next(_serial), letter="A", second=1))


def _referrals(counsellor: Any, n: int) -> None:
    for _ in range(n):
        make_referral(counsellor, case=_case(counsellor))


def _referral_with_history(counsellor: Any, follow_ups: int) -> Referral:
    """A signed and sent referral with ``follow_ups`` follow-ups in its timeline."""
    referral = sign(make_referral(counsellor, case=_case(counsellor)), counsellor)
    referral = send_referral(
        referral, actor=counsellor, sent_on=timezone.localdate(), method="公文"
    )
    for i in range(follow_ups):
        referral = record_follow_up(
            referral, actor=counsellor, note=f"第 {i + 1} 次電話追蹤", next_follow_up_on=None
        )
    return referral


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_referral_list_query_count_does_not_grow(persona, client_for, personas, reference_data):
    # given: referrals of two counsellors of centre A
    client = client_for(personas[persona])
    _referrals(personas["alice"], FEW)
    _, few = _get(client, reverse("referrals:referral_list"))
    # when
    _referrals(personas["bob"], MANY - FEW)
    response, many = _get(client, reverse("referrals:referral_list"))
    # then
    assert response.context["page"].paginator.count == MANY
    assert len(response.context["page"].object_list) == 25  # a full page
    assert many == few
    assert many <= 10


def test_referral_history_query_count_does_not_grow(client_for, personas, reference_data):
    # given: two of alice's referrals, one with a short and one with a long timeline, read by
    # alice (her own caseload, so the page is not the caseload gate's reason form)
    alice = personas["alice"]
    short, long = _referral_with_history(alice, FEW), _referral_with_history(alice, MANY)
    client = client_for(alice)
    # when
    _, few = _get(client, reverse("referrals:referral_detail", args=[short.public_id]))
    response, many = _get(client, reverse("referrals:referral_detail", args=[long.public_id]))
    # then: assessed, consent signed, sent, then the follow-ups
    assert len(response.context["updates"]) == 3 + MANY
    assert many == few
    assert many <= 17


def test_resource_directory_query_count_does_not_grow(client_for, personas, reference_data):
    # given: resources are reference data kept on the administrators' console (no service)
    def add_resources(n: int) -> None:
        for _ in range(n):
            i = next(_serial)
            ReferralResource.objects.create(
                code=f"local-{i}",
                name=f"在地就業資源 {i}",
                kind=ResourceKind.OTHER,
                offers="就業諮詢",
                counties="新北市",
            )

    client = client_for(personas["alice"])
    add_resources(FEW)
    _, few = _get(client, reverse("referrals:resource_list"))
    # when
    add_resources(MANY - FEW)
    response, many = _get(client, reverse("referrals:resource_list"))
    # then
    assert response.context["page"].paginator.count == MANY
    assert many == few
    assert many <= 10
