from __future__ import annotations

import io

import pytest

from jobdesk.cases.demo import load_demo
from jobdesk.cases.models import Case, CaseStatus, FollowUp, JobSeeker, Lead
from jobdesk.demo.offices import ensure_accounts, ensure_offices

pytestmark = pytest.mark.django_db


def test_demo_has_cases_at_every_stage_and_is_idempotent(reference_data):
    # given
    ensure_offices()
    ensure_accounts()
    # when
    load_demo(io.StringIO())
    counts = (JobSeeker.objects.count(), Case.objects.count(), Lead.objects.count())
    load_demo(io.StringIO())
    # then
    assert (JobSeeker.objects.count(), Case.objects.count(), Lead.objects.count()) == counts
    assert counts[0] == 40
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.OPEN, CaseStatus.ACTIVE, CaseStatus.CLOSED} <= statuses
    assert {CaseStatus.FOLLOW_UP, CaseStatus.CLOSURE_REQUESTED} <= statuses
    assert FollowUp.objects.filter(done_on__isnull=False).exists()
    assert set(JobSeeker.objects.values_list("office__code", flat=True)) == {"NB-SC", "CT-TC"}
