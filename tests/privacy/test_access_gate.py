"""Reading outside one's caseload needs a reason, is logged and shown to the supervisor."""

import pytest

from jobdesk.audit.models import AccessEvent
from tests.privacy.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_colleague_must_give_a_reason_once_per_session(client_for, personas, reference_data):
    # given: alice's referral; bob is a counsellor of the same centre
    referral = make_referral(personas["alice"])
    url = f"/referrals/{referral.public_id}/"
    client = client_for(personas["bob"])
    # when: bob opens it
    page = client.get(url).content.decode()
    # then: a reason is asked, nothing of the record shown
    assert "調閱理由" in page
    assert "林美華" not in page
    response = client.post(url, {"outside_caseload_reason": "ab"})
    assert response.status_code == 405 or "至少 4 字" in response.content.decode()


def test_reason_is_logged_flagged_and_listed_for_the_supervisor(
    client_for, personas, reference_data
):
    referral = make_referral(personas["alice"])
    url = f"/referrals/{referral.public_id}/consent/"
    client = client_for(personas["bob"])
    response = client.post(url, {"outside_caseload_reason": "代理休假同仁處理轉介回覆"})
    assert response.status_code == 302
    assert "林美華" in client.get(url).content.decode()
    event = AccessEvent.objects.get(outside_caseload=True)
    assert (event.actor, event.reason) == (personas["bob"], "代理休假同仁處理轉介回覆")
    # the supervisor sees it, and "who looked at this person" lists bob
    sam = client_for(personas["sam"])
    assert (
        "代理休假同仁處理轉介回覆" in sam.get("/privacy/access/outside-caseload/").content.decode()
    )
    seeker = referral.case.seeker
    who = sam.get(f"/privacy/seekers/{seeker.public_id}/access/").content.decode()
    assert "bob" in who
    assert "代理休假同仁處理轉介回覆" in who


def test_counsellor_of_the_case_passes_without_reason(client_for, personas, reference_data):
    referral = make_referral(personas["alice"])
    page = client_for(personas["alice"]).get(f"/referrals/{referral.public_id}/").content.decode()
    assert "林美華" in page
    assert not AccessEvent.objects.filter(outside_caseload=True).exists()
    assert AccessEvent.objects.filter(actor=personas["alice"]).exists()


def test_supervisor_reads_a_referral_without_being_asked(client_for, personas, reference_data):
    """Supervisors see the office's caseload by role: the referral pages do not ask them for a
    reason (as the case pages do not), and their read is logged."""
    referral = make_referral(personas["alice"])
    sam = client_for(personas["sam"])
    page = sam.get(f"/referrals/{referral.public_id}/").content.decode()
    assert "調閱理由" not in page
    assert "林美華" in page
    assert AccessEvent.objects.filter(
        actor=personas["sam"],
        subject_id=str(referral.case.seeker.public_id),
        outside_caseload=False,
    ).exists()
