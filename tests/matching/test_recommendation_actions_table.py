"""The recommendation table (jobdesk/matching/transitions.py) is what the services check and the
page shows: every reply, 報到 and 撤回 refused outside its statuses, and its form hidden there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.matching import services
from jobdesk.matching.models import Recommendation, RecommendationStatus
from jobdesk.matching.transitions import RECOMMENDATION, REPLIES

pytestmark = pytest.mark.django_db


def _reply(outcome: str) -> Callable[[Recommendation, dict[str, Any]], Any]:
    def call(r: Recommendation, p: dict[str, Any]) -> Any:
        return services.record_reply(
            r,
            actor=p["oscar"],
            expected_version=r.version,
            outcome=outcome,
            reason="other",
            note="x",
            interview_on=timezone.localdate(),
        )

    return call


CALLS: dict[str, Callable[[Recommendation, dict[str, Any]], Any]] = {
    **{o: _reply(o) for o in REPLIES},
    "start": lambda r, p: services.record_start(
        r,
        actor=p["alice"],
        expected_version=r.version,
        start_date=timezone.localdate(),
        pay=32000,
        pay_basis="monthly",
    ),
    "withdraw": lambda r, p: services.withdraw(
        r, actor=p["alice"], expected_version=r.version, note="求職者改變心意"
    ),
}


def _in_status(w: dict[str, Any], personas: dict[str, Any], status: str) -> Recommendation:
    rec = services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=True
    )
    # Test setup only: put the recommendation in the status under test.
    Recommendation.objects.filter(pk=rec.pk).update(status=status)
    rec.refresh_from_db()
    return rec


def test_every_recommendation_action_has_a_service_call_here():
    assert set(RECOMMENDATION.actions) == set(CALLS)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        (n, s)
        for n in RECOMMENDATION.actions
        for s in RecommendationStatus.values
        if s not in RECOMMENDATION.sources(n)
    ],
)
def test_the_service_refuses_every_status_outside_the_table(w, personas, name, status):
    # given
    rec = _in_status(w, personas, status)
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        CALLS[name](rec, personas)
    assert caught.value.code == "bad_status"
    rec.refresh_from_db()
    assert rec.status == status
    assert AuditEvent.objects.count() == events


FORMS = {"reply": "matching:recommendation_reply", "start": "matching:recommendation_start"}


@pytest.mark.parametrize("status", RecommendationStatus.values)
@pytest.mark.parametrize("who", ["alice", "oscar"])
def test_the_page_shows_exactly_the_forms_the_table_allows(client_for, w, personas, status, who):
    # given
    rec = _in_status(w, personas, status)
    allowed = RECOMMENDATION.allowed_actions(status, personas[who].role)
    url = reverse("matching:recommendation_detail", args=[rec.public_id])
    # when
    page = client_for(personas[who]).get(url).content.decode()
    # then
    expected = {
        "matching:recommendation_reply": bool(allowed & set(REPLIES)),
        "matching:recommendation_start": "start" in allowed,
        "matching:recommendation_withdraw": "withdraw" in allowed,
    }
    for url_name, shown in expected.items():
        action = reverse(url_name, args=[rec.public_id])
        assert (f'action="{action}"' in page) == shown, (url_name, status, who)
