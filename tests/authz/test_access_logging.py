"""PDPA Art. 27: every page that shows a job seeker's personal data writes the access log.

Structural: every scoped page of the URL matrix that case workers open (a record of an office)
is opened as its counsellor and must add an ``AccessEvent`` — unless it is listed below in
``SHOWS_NO_SEEKER_DATA`` with the reason. A new page therefore logs, or says why it need not.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX

pytestmark = pytest.mark.django_db

_EMPLOYER = "an employer's or a vacancy's record: no job seeker on the page"
_LEAD = (
    "a lead of an outreach event (the name and phone given there), before registration: "
    "not yet a job seeker, whom the access log is about"
)
# Scoped case-work pages that show no job seeker's personal data (beyond the name), each with why.
SHOWS_NO_SEEKER_DATA: dict[str, str] = {
    "employers:employer_detail": _EMPLOYER,
    "employers:employer_edit": _EMPLOYER,
    "employers:import_preview": "an import batch of vacancies: no job seeker on the page",
    "employers:vacancy_detail": _EMPLOYER,
    "employers:vacancy_edit": _EMPLOYER,
    "api:employer_detail": _EMPLOYER,
    "api:vacancy_detail": _EMPLOYER,
    "api:vacancy_jobposting": _EMPLOYER + " (schema.org JobPosting)",
    "api:vacancy_taiwanjobs": _EMPLOYER + " (台灣就業通 open-data fields)",
    "cases:outreach_detail": _LEAD,
    "cases:lead_convert": _LEAD,
    "privacy:seeker_access": "the access log of a seeker, read by supervisors and auditors",
    "employers:recheck_detail": "a §5 re-check run over vacancies: no job seeker on the page",
    "employers:recheck_progress": "the progress bar of a §5 re-check run: counts only",
    "reports:competency_detail": "a staff member's competency assessment: no job seeker on it",
    "reports:monthly_download": "the monthly workbook holds figures only (reports/tasks.py)",
    "audit:export_detail": "the progress of one's own export: its title and counts only",
}

PAGES = sorted(
    name
    for name, spec in MATRIX.items()
    if spec.scoped and spec.method == "get" and spec.roles & CASEWORK
)


@pytest.fixture
def ctx(personas, offices, reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    context: dict[str, Any] = {"personas": personas, "offices": offices}
    for build in CONTEXT_BUILDERS:
        build(context)
    return context


def test_the_exemptions_name_real_pages():
    assert set(SHOWS_NO_SEEKER_DATA) <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_a_personal_data_page_writes_the_access_log(client, ctx, name):
    # given: the counsellor (alice) or, for supervisor-only pages, the supervisor (sam)
    spec = MATRIX[name]
    who = "alice" if "counsellor" in spec.roles else "sam"
    user = ctx["personas"][who]
    client.force_login(user)
    url = reverse(name, kwargs=spec.make(ctx))
    before = AccessEvent.objects.filter(actor=user).count()
    # when
    response = client.get(url)
    # then
    assert response.status_code in spec.ok_status, (name, response.status_code)
    written = AccessEvent.objects.filter(actor=user).count() - before
    if name in SHOWS_NO_SEEKER_DATA:
        assert written == 0, f"{name} logs a read: remove it from SHOWS_NO_SEEKER_DATA"
    else:
        assert written >= 1, f"{name} shows a job seeker's data but wrote no AccessEvent"


def test_a_correction_request_shows_and_logs_the_contact_details(client, personas, reference_data):
    # given: a request to correct data; its page pre-fills the current contact details
    from django.utils import timezone

    from jobdesk.privacy.services import open_request
    from tests.cases.factories import make_case

    alice = personas["alice"]
    case = make_case(alice)
    dsr = open_request(
        case.seeker,
        actor=alice,
        kind="correct",
        details="電話錯誤",
        received_on=timezone.localdate(),
    )
    client.force_login(alice)
    # when
    response = client.get(reverse("privacy:request_detail", kwargs={"public_id": dsr.public_id}))
    # then
    assert case.seeker.phone in response.content.decode()
    assert AccessEvent.objects.filter(
        actor=alice, subject_id=str(case.seeker.public_id), what__startswith="資料更正請求"
    ).exists()
