"""The data-subject request table (jobdesk/privacy/transitions.py): the services refuse a closed
request and the page offers nothing on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AuditEvent
from jobdesk.privacy.models import DataSubjectRequest, RequestStatus
from jobdesk.privacy.services import apply_correction, complete_request, extend_request
from jobdesk.privacy.services.requests import open_request
from jobdesk.privacy.transitions import DSR
from tests.privacy.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


CALLS: dict[str, Callable[[DataSubjectRequest, Any], Any]] = {
    "extend": lambda r, u: extend_request(r, actor=u, reason="資料量大"),
    "complete": lambda r, u: complete_request(r, actor=u, outcome="已提供複本"),
    "correct": lambda r, u: apply_correction(
        r, actor=u, expected_version=r.seeker.version, changes={"phone": "0922000111"}
    ),
}


def _in_status(alice: Any, status: str, kind: str = "correct") -> DataSubjectRequest:
    seeker = make_referral(alice).case.seeker
    request = open_request(
        seeker, actor=alice, kind=kind, details="", received_on=timezone.localdate()
    )
    # Test setup only: put the request in the status under test.
    DataSubjectRequest.objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    return request


@pytest.mark.parametrize(
    ("name", "status"),
    [(n, s) for n in CALLS for s in RequestStatus.values if s not in DSR.sources(n)],
)
def test_the_service_refuses_every_status_outside_the_table(personas, reference_data, name, status):
    # given
    alice = personas["alice"]
    request = _in_status(alice, status)
    phone, events = request.seeker.phone, AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        CALLS[name](request, alice)
    assert caught.value.code == "closed"
    request.refresh_from_db()
    request.seeker.refresh_from_db()
    assert (request.status, request.seeker.phone) == (status, phone)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("status", RequestStatus.values)
@pytest.mark.parametrize("kind", ["correct", "copy"])
def test_the_page_shows_exactly_the_forms_the_table_allows(
    client_for, personas, reference_data, status, kind
):
    # given
    alice = personas["alice"]
    request = _in_status(alice, status, kind)
    allowed = DSR.allowed_actions(status)
    # when
    url = reverse("privacy:request_detail", args=[request.public_id])
    page = client_for(alice).get(url).content.decode()
    # then
    for name in ["extend", "complete"] + (["correct"] if kind == "correct" else []):
        action = reverse("privacy:request_action", args=[request.public_id, name])
        assert (f'action="{action}"' in page) == (name in allowed), (name, status)
    if kind == "copy":
        export = reverse("privacy:request_export", args=[request.public_id])
        assert (f'href="{export}"' in page) == ("export" in allowed)
        # and the download itself is refused on a closed request
        response = client_for(alice).get(export)
        assert (response.get("Content-Type") == "application/zip") == ("export" in allowed)
