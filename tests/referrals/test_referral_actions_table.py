"""The referral table (jobdesk/referrals/transitions.py): what the services check, the page shows.

For every step and every status outside its sources, the service refuses (``bad_status``) and
writes nothing; for every status the referral page carries exactly the forms the table allows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.privacy.signatures import check_drawn_signature
from jobdesk.referrals import services
from jobdesk.referrals.models import Referral, ReferralStatus, ReferralUpdate
from jobdesk.referrals.transitions import REFERRAL
from tests.privacy.factories import make_referral, png_data_url, sign

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


CALLS: dict[str, Callable[[Referral, Any], Any]] = {
    "confirm": lambda r, u: services.confirm_need(r, actor=u, confirmed_on=TODAY(), note="已確認"),
    "sign_consent": lambda r, u: services.sign_consent(
        r,
        actor=u,
        method="drawn",
        signature=check_drawn_signature(png_data_url()),
        explained=True,
    ),
    "send": lambda r, u: services.send_referral(r, actor=u, sent_on=TODAY(), method="公文"),
    "reply": lambda r, u: services.record_reply(
        r, actor=u, reply="accepted", replied_on=TODAY(), note="受案", next_follow_up_on=None
    ),
    "follow_up": lambda r, u: services.record_follow_up(
        r, actor=u, note="電話追蹤", next_follow_up_on=None
    ),
    "outcome": lambda r, u: services.record_outcome(r, actor=u, outcome="completed", note=""),
    "withdraw": lambda r, u: services.withdraw_referral_consent(r, actor=u, reason="不想轉介"),
}


def _in_status(alice: Any, status: str) -> Referral:
    referral = sign(make_referral(alice), alice)  # consented, with a valid consent
    # Test setup only: put the referral in a status the services would take steps to reach.
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    return referral  # type: ignore[no-any-return]


def test_every_referral_action_has_a_service_call_here():
    assert set(REFERRAL.actions) == set(CALLS)


@pytest.mark.parametrize(
    ("name", "status"),
    [(n, s) for n in sorted(CALLS) for s in ReferralStatus.values if s not in REFERRAL.sources(n)],
)
def test_the_service_refuses_every_status_outside_the_table(personas, reference_data, name, status):
    # given
    alice = personas["alice"]
    referral = _in_status(alice, status)
    updates, events = ReferralUpdate.objects.count(), AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        CALLS[name](referral, alice)
    assert caught.value.code == "bad_status"
    referral.refresh_from_db()
    assert referral.status == status
    assert (ReferralUpdate.objects.count(), AuditEvent.objects.count()) == (updates, events)


PAGE_ACTIONS = ["confirm", "send", "reply", "follow_up", "outcome", "withdraw"]


@pytest.mark.parametrize("status", ReferralStatus.values)
def test_the_page_shows_exactly_the_forms_the_table_allows(
    client_for, personas, reference_data, status
):
    # given
    alice = personas["alice"]
    referral = _in_status(alice, status)
    allowed = REFERRAL.allowed_actions(status, alice.role)
    # when
    url = reverse("referrals:referral_detail", args=[referral.public_id])
    page = client_for(alice).get(url).content.decode()
    # then
    for name in PAGE_ACTIONS:
        action = reverse("referrals:referral_action", args=[referral.public_id, name])
        assert (f'action="{action}"' in page) == (name in allowed), (name, status)
