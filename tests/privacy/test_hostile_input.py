"""Hostile input: script tags and SQL metacharacters, oversize text, forged uploads, bad IDs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobdesk.cases.models import JobSeeker
from jobdesk.privacy.models import Consent
from jobdesk.referrals.models import Referral
from tests.privacy.factories import make_case, make_referral, png_bytes

pytestmark = pytest.mark.django_db

HOSTILE = "王<script>alert(1)</script>'; DROP TABLE cases_jobseeker; --"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _form(resource, **overrides):
    return {
        "resource": resource.pk,
        "situation": HOSTILE,
        "need": "職業重建",
        "reason_for_resource": "評量",
        "data_items": ["name"],
        "purpose_text": "轉介",
        "consent_valid_months": 6,
    } | overrides


def test_script_and_sql_are_stored_inert_and_escaped(client_for, personas, reference_data):
    # given
    alice = personas["alice"]
    case = make_case(alice)
    from tests.privacy.factories import make_resource

    resource = make_resource()
    client = client_for(alice)
    # when
    response = client.post(f"/referrals/cases/{case.public_id}/new/", _form(resource))
    # then
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert referral.situation == HOSTILE
    assert JobSeeker.objects.exists()
    page = client.get(f"/referrals/{referral.public_id}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_ten_megabytes_of_text_is_refused_with_a_message(client_for, personas, reference_data):
    from tests.privacy.factories import make_resource

    alice = personas["alice"]
    case = make_case(alice)
    client = client_for(alice)
    response = client.post(
        f"/referrals/cases/{case.public_id}/new/",
        _form(make_resource(), situation="長" * (10 * 1024 * 1024 // 3)),
    )
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "最多 4000 字" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("signature.png", b"<script>alert(1)</script>"),
        ("signature.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("signature.jpg", b"GIF89a" + b"\x00" * 100),
    ],
)
def test_forged_scans_are_refused_and_nothing_is_saved(
    client_for, personas, reference_data, name, content
):
    # given
    alice = personas["alice"]
    referral = make_referral(alice)
    client = client_for(alice)
    # when
    response = client.post(
        f"/referrals/{referral.public_id}/consent/",
        {
            "explained": "on",
            "method": "scanned",
            "scan": SimpleUploadedFile(name, content, content_type="image/png"),
        },
    )
    # then
    assert response.status_code == 200
    assert "系統依檔案內容判斷" in response.content.decode()
    assert not Consent.objects.exists()
    referral.refresh_from_db()
    assert referral.status == "assessing"


def test_a_real_pdf_scan_is_accepted(client_for, personas, reference_data):
    alice = personas["alice"]
    referral = make_referral(alice)
    response = client_for(alice).post(
        f"/referrals/{referral.public_id}/consent/",
        {
            "explained": "on",
            "method": "scanned",
            "scan": SimpleUploadedFile("scan.bin", b"%PDF-1.4\n%...", content_type="x/y"),
        },
    )
    assert response.status_code == 302
    assert Consent.objects.get().signature_content_type == "application/pdf"


def test_oversize_scan_is_refused(client_for, personas, reference_data):
    alice = personas["alice"]
    referral = make_referral(alice)
    big = png_bytes() + b"\x00" * (5 * 1024 * 1024)
    response = client_for(alice).post(
        f"/referrals/{referral.public_id}/consent/",
        {"explained": "on", "method": "scanned", "scan": SimpleUploadedFile("a.png", big)},
    )
    assert "上限為 5 MB" in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    "data_url",
    [
        "data:image/png;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",  # a script, not a PNG
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png;base64,!!!not-base64!!!",
        "javascript:alert(1)",
    ],
)
def test_forged_drawn_signatures_are_refused(client_for, personas, reference_data, data_url):
    alice = personas["alice"]
    referral = make_referral(alice)
    response = client_for(alice).post(
        f"/referrals/{referral.public_id}/consent/",
        {"explained": "on", "method": "drawn", "signature_data": data_url},
    )
    assert response.status_code == 200
    assert not Consent.objects.exists()


def test_signing_without_explaining_is_refused(client_for, personas, reference_data):
    from tests.privacy.factories import png_data_url

    alice = personas["alice"]
    referral = make_referral(alice)
    response = client_for(alice).post(
        f"/referrals/{referral.public_id}/consent/",
        {"method": "drawn", "signature_data": png_data_url()},
    )
    assert "請先向求職者說明轉介流程" in response.content.decode()
    assert not Consent.objects.exists()


def test_bad_checksum_national_id_is_refused_in_registration(personas, reference_data):
    from django.core.exceptions import ValidationError

    from tests.privacy.factories import make_seeker

    with pytest.raises(ValidationError) as error:
        make_seeker(personas["alice"], national_id="A123456788", name=HOSTILE)
    assert "national_id" in error.value.error_dict
    assert not JobSeeker.objects.exists()


def _registration(**overrides):
    return {
        "name": HOSTILE[:60],
        "national_id": "A123456789",
        "township": "新北市三重區",
        "pay_basis": "monthly",
        "notice_method": "paper",
        "version": "1",
    } | overrides


def test_registration_form_stores_script_inert(client_for, personas, reference_data):
    # given
    client = client_for(personas["alice"])
    # when
    response = client.post("/cases/seekers/new/", _registration())
    # then
    seeker = JobSeeker.objects.get()
    assert response.status_code == 302
    assert seeker.name == HOSTILE[:60]
    page = client.get(response.url, follow=True).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_registration_form_refuses_megabytes_of_text(client_for, personas, reference_data):
    client = client_for(personas["alice"])
    response = client.post(
        "/cases/seekers/new/", _registration(name="林美華", work_history="長" * 1_000_000)
    )
    assert response.status_code in (200, 400)
    assert not JobSeeker.objects.exists()
