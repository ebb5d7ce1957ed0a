"""The benefit-claim table (jobdesk/statutory/transitions.py, ``CLAIM``): the services refuse every
status outside it and the claim page offers only the forms it allows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.statutory.models import BenefitClaim, ClaimStatus
from jobdesk.statutory.services import benefit
from jobdesk.statutory.transitions import CLAIM
from tests.statutory.factories import make_claim

pytestmark = pytest.mark.django_db

CALLS: dict[str, Callable[[BenefitClaim, Any], Any]] = {
    "certify": lambda c, u: benefit.certify(c, actor=u, expected_version=c.version),
    "training": lambda c, u: benefit.arrange_training(
        c, actor=u, expected_version=c.version, on=timezone.localdate(), note="安排職訓"
    ),
    "end": lambda c, u: benefit.end_claim(
        c, actor=u, expected_version=c.version, reason="employed", note=""
    ),
}


def _in_status(claimant: dict[str, Any], alice: Any, status: str) -> BenefitClaim:
    claim = make_claim(claimant["case"], alice)
    # Test setup only: put the claim in the status under test.
    BenefitClaim.objects.filter(pk=claim.pk).update(status=status)
    claim.refresh_from_db()
    return claim  # type: ignore[no-any-return]


def test_every_claim_action_has_a_service_call_here():
    assert set(CLAIM.actions) == set(CALLS)


@pytest.mark.parametrize(
    ("name", "status"),
    [(n, s) for n in CALLS for s in ClaimStatus.values if s not in CLAIM.sources(n)],
)
def test_the_service_refuses_every_status_outside_the_table(claimant, personas, name, status):
    # given
    alice = personas["alice"]
    claim = _in_status(claimant, alice, status)
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        CALLS[name](claim, alice)
    assert caught.value.code == "bad_status"
    claim.refresh_from_db()
    assert claim.status == status
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("status", ClaimStatus.values)
def test_the_page_shows_exactly_the_forms_the_table_allows(client_for, claimant, personas, status):
    # given
    alice = personas["alice"]
    claim = _in_status(claimant, alice, status)
    allowed = CLAIM.allowed_actions(status)
    # when
    page = (
        client_for(alice)
        .get(reverse("statutory:claim_detail", args=[claim.public_id]))
        .content.decode()
    )
    # then
    for name in CALLS:
        action = reverse("statutory:claim_action", args=[claim.public_id, name])
        assert (f'action="{action}"' in page) == (name in allowed), (name, status)
