"""O3.3.2 on screen and on paper: a signed consent shows the signature it was signed with."""

import pytest
from django.urls import reverse

from tests.privacy.factories import make_referral, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_signed_consent_shows_its_signature_image(client_for, personas, reference_data):
    # given a consent signed on the tablet
    alice = personas["alice"]
    referral = make_referral(alice)
    sign(referral, alice)
    referral.refresh_from_db()
    consent = referral.consent
    client = client_for(alice)
    # when the consent page is opened
    html = client.get(reverse("referrals:referral_consent", args=[referral.public_id]))
    body = html.content.decode()
    # then the signature is on it (the same block prints), and its image is served in scope
    src = reverse("privacy:consent_signature", args=[consent.public_id])
    assert f'<img class="signature-image" src="{src}"' in body
    assert client.get(src)["Content-Type"] == "image/png"


def test_unsigned_consent_prints_empty_signature_lines(client_for, personas, reference_data):
    alice = personas["alice"]
    referral = make_referral(alice)
    body = (
        client_for(alice)
        .get(reverse("referrals:referral_consent", args=[referral.public_id]))
        .content.decode()
    )
    assert '<div class="signature-block print-only"><div>求職者簽名</div>' in body
    assert "signature-image" not in body
