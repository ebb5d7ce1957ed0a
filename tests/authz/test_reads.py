"""Reading is logged and changes nothing — over every URL of the matrix, not page by page.

Issue 10, items 6 and 7: four pages showed a job seeker's data and wrote no access-log row, and a
GET (the 介紹卡) changed a row. For every GET URL, as a persona allowed to open it:
- no row of any table changes (the access log, sessions and sign-in counters excepted);
- a page that shows any job seeker's name writes at least one access-log row (PDPA Art. 27).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db.models import Count, Max, Sum
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from jobdesk.cases.models import JobSeeker
from tests.authz.matrix import CONTEXT_BUILDERS, MATRIX

pytestmark = pytest.mark.django_db

#: Tables a read may write: the access log itself, sessions, sign-in counters, task results.
MAY_CHANGE = {"audit.accessevent", "sessions.session", "accounts.auththrottle"}
READERS = ["alice", "sam", "oscar", "audrey", "adam"]
#: Pages that show names but are not reads of a seeker's record, and why.
NOT_A_READ = {
    "audit:event_list": "the change log names its subjects; reading it is itself restricted to "
    "auditors and supervisors and is the PDPA record, not a read of a seeker's file",
}
#: The one page allowed to write on GET, and why.
WRITES_ON_GET = {
    "privacy:otp_enrol": "the first visit creates the unconfirmed second-factor device it shows",
}


def _fingerprint() -> dict[str, tuple[Any, ...]]:
    state: dict[str, tuple[Any, ...]] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in MAY_CHANGE or model._meta.proxy:
            continue
        names = {f.name for f in model._meta.concrete_fields}
        aggregates: dict[str, Any] = {"n": Count("pk")}
        if "updated_at" in names:
            aggregates["u"] = Max("updated_at")
        if "version" in names:
            aggregates["v"] = Sum("version")
        values = model._default_manager.aggregate(**aggregates)
        state[label] = tuple(sorted(values.items()))
    return state


@pytest.fixture
def ctx(personas, offices, reference_data):
    context: dict[str, Any] = {"personas": personas, "offices": offices}
    for build in CONTEXT_BUILDERS:
        build(context)
    return context


def test_every_page_logs_what_it_shows_and_changes_nothing(client, ctx):
    names = [n for n in JobSeeker.objects.values_list("name", flat=True) if len(n) >= 2]
    assert len(names) >= 3
    changed, unlogged, opened = [], [], 0
    for name, spec in sorted(MATRIX.items()):
        if spec.method != "get" or spec.public:
            continue
        reader = next((p for p in READERS if ctx["personas"][p].role in spec.roles), None)
        if reader is None:
            continue
        client.force_login(ctx["personas"][reader])
        url = reverse(name, kwargs=spec.make(ctx))
        before, logged = _fingerprint(), AccessEvent.objects.count()
        response = client.get(url)
        if response.status_code != 200:
            continue
        opened += 1
        after = _fingerprint()
        moved = sorted(k for k in after if after[k] != before.get(k))
        if moved and name not in WRITES_ON_GET:
            changed.append(f"{name} ({reader}): {moved}")
        body = response.content.decode(errors="replace")
        shown = [n for n in names if n in body]
        if shown and AccessEvent.objects.count() == logged and name not in NOT_A_READ:
            unlogged.append(f"{name} ({reader}) shows {shown[0]}")
    assert opened > 50
    assert not changed, "a GET changed rows: " + "; ".join(changed)
    assert not unlogged, "personal data shown without an access-log row: " + "; ".join(unlogged)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("privacy:notice", "privacy_seeker"),
        ("privacy:request_create", "privacy_seeker"),
        ("privacy:request_detail", "privacy_request"),
        ("referrals:referral_create", "referral_case"),
    ],
)
def test_the_pages_that_wrote_no_access_row_now_do(client, ctx, name, key):
    kwarg = "case_id" if name == "referrals:referral_create" else "public_id"
    client.force_login(ctx["personas"]["alice"])
    before = AccessEvent.objects.count()
    response = client.get(reverse(name, kwargs={kwarg: ctx[key].public_id}))
    assert response.status_code == 200
    assert AccessEvent.objects.count() > before
