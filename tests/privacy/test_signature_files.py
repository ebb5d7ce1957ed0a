"""Consent signature files (O3.3.2 proof) encrypted at rest: stored, served, rotated, migrated,
cleaned up after a rollback, unreadable."""

import datetime
import io
import zipfile

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from jobdesk.audit.models import AccessEvent
from jobdesk.privacy.files import remove_orphaned_files
from jobdesk.privacy.models import Consent
from jobdesk.privacy.services import anonymise_seeker, export_subject_data
from jobdesk.privacy.signatures import PNG_MAGIC, check_scan
from jobdesk.referrals.services import sign_consent
from tests.privacy.factories import make_case, make_referral, png_bytes, sign

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _signed(actor):
    return sign(make_referral(actor), actor).consent


def _signed_for_another_seeker(actor):
    case = make_case(
        actor,
        national_id="B120000008",
        name="王大明",
        phone="0922-000-111",
        email="wang@example.tw",
        address="新北市蘆洲區中正路 1 號",
    )
    return sign(make_referral(actor, case=case), actor).consent


def _stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _url(consent):
    return reverse("privacy:consent_signature", args=[consent.public_id])


def _make_legacy(consent, content):
    """The consent as stored before encryption at rest: ``<public_id>.png``, plaintext."""
    storage = consent.signature.storage
    encrypted = consent.signature.name
    legacy = storage.save(encrypted.removesuffix(".sig") + ".png", ContentFile(content))
    storage.delete(encrypted)
    Consent.objects.filter(pk=consent.pk).update(signature=legacy)
    return Consent.objects.get(pk=consent.pk)


def test_the_stored_file_is_ciphertext_named_by_the_public_id(
    personas, reference_data, tmp_path, settings
):
    # given
    alice = personas["alice"]
    # when
    consent = _signed(alice)
    # then
    assert consent.signature.name.endswith(f"/{consent.public_id}.sig")
    assert _stored_files(tmp_path) == [consent.signature.name]
    on_disk = (tmp_path / consent.signature.name).read_bytes()
    assert not on_disk.startswith(PNG_MAGIC)
    assert on_disk != png_bytes()
    assert png_bytes()[12:24] not in on_disk  # not even the image header, anywhere
    key = settings.JOBDESK_FIELD_KEYS[0]
    assert Fernet(key.encode()).decrypt(on_disk) == png_bytes()


def test_the_view_serves_the_original_bytes_and_logs_the_access(
    client_for, personas, reference_data
):
    # given
    alice = personas["alice"]
    consent = _signed(alice)
    # when
    response = client_for(alice).get(_url(consent))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == png_bytes()
    assert AccessEvent.objects.filter(
        subject_id=str(consent.seeker.public_id), what="同意書簽名檔", actor=alice
    ).exists()


def test_outside_scope_is_404_and_nothing_is_decrypted(client_for, personas, reference_data):
    # given
    consent = _signed(personas["alice"])
    # when
    response = client_for(personas["charlie"]).get(_url(consent))
    # then
    assert response.status_code == 404
    assert png_bytes() not in response.content
    assert not AccessEvent.objects.filter(actor=personas["charlie"]).exists()


def test_a_scan_keeps_its_type_for_the_view_and_the_export(
    client_for, personas, reference_data, tmp_path
):
    # given: a PDF scan of the signed paper form
    alice = personas["alice"]
    scan = check_scan(SimpleUploadedFile("scan.pdf", PDF))
    referral = sign_consent(
        make_referral(alice), actor=alice, method="scanned", signature=scan, explained=True
    )
    consent = referral.consent
    # when
    response = client_for(alice).get(_url(consent))
    archive = zipfile.ZipFile(io.BytesIO(export_subject_data(consent.seeker, actor=alice)))
    # then
    assert _stored_files(tmp_path) == [consent.signature.name]
    assert consent.signature.name.endswith(".sig")
    assert not (tmp_path / consent.signature.name).read_bytes().startswith(b"%PDF")
    assert (response["Content-Type"], response.content) == ("application/pdf", PDF)
    assert archive.read(f"files/{consent.public_id}.pdf") == PDF


def test_rotation_rewrites_the_file_under_the_new_key_in_place(personas, reference_data, tmp_path):
    # given: a consent signed under the old key
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(JOBDESK_FIELD_KEYS=[old]):
        consent = _signed(personas["alice"])
    path = tmp_path / consent.signature.name
    before = path.read_bytes()
    # when
    out = io.StringIO()
    with override_settings(JOBDESK_FIELD_KEYS=[new, old]):
        call_command("rotate_field_key", stdout=out)
    # then: same name, new ciphertext that only the new key opens, no temporary file left
    assert "privacy.Consent（signature 檔案）：重新加密 1 個" in out.getvalue()
    after = path.read_bytes()
    assert after != before
    assert Fernet(new.encode()).decrypt(after) == png_bytes()
    with pytest.raises(InvalidToken):
        Fernet(old.encode()).decrypt(after)
    assert _stored_files(tmp_path) == [consent.signature.name]
    with override_settings(JOBDESK_FIELD_KEYS=[new]):
        assert Consent.objects.get(pk=consent.pk).signature.read() == png_bytes()


def test_rotation_stops_at_a_file_no_key_opens_and_leaves_it(personas, reference_data, tmp_path):
    # given: a file encrypted under a key that is no longer configured
    consent = _signed(personas["alice"])
    path = tmp_path / consent.signature.name
    foreign = Fernet(Fernet.generate_key()).encrypt(png_bytes())
    path.write_bytes(foreign)
    # when / then
    with pytest.raises(CommandError, match=f"1 個檔案無法.*pk={consent.pk}"):
        call_command("rotate_field_key", stdout=io.StringIO())
    assert path.read_bytes() == foreign


def test_a_legacy_plaintext_file_is_served_then_encrypted_in_place(
    client_for, personas, reference_data, tmp_path, django_capture_on_commit_callbacks
):
    # given: a consent whose file was stored before encryption at rest
    alice = personas["alice"]
    consent = _make_legacy(_signed(alice), png_bytes())
    legacy_name = consent.signature.name
    assert client_for(alice).get(_url(consent)).content == png_bytes()
    # when
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("encrypt_signature_files", stdout=out)
    # then: renamed to .sig, ciphertext on disk, the plaintext gone, still served the same
    assert "重新加密 1 個（其中 1 個原為未加密舊檔）" in out.getvalue()
    consent.refresh_from_db()
    assert consent.signature.name == legacy_name.removesuffix(".png") + ".sig"
    assert _stored_files(tmp_path) == [consent.signature.name]
    assert not (tmp_path / consent.signature.name).read_bytes().startswith(PNG_MAGIC)
    assert client_for(alice).get(_url(consent)).content == png_bytes()
    # and a second run has nothing left to do
    again = io.StringIO()
    call_command("encrypt_signature_files", stdout=again)
    assert "共加密 0 個舊簽名檔" in again.getvalue()


def test_a_rollback_inside_record_consent_leaves_no_file(
    personas, reference_data, tmp_path, monkeypatch
):
    # given: the audit write fails after the file was written
    alice = personas["alice"]
    referral = make_referral(alice)

    def fail(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("jobdesk.privacy.services.consents.record_event", fail)
    # when
    with pytest.raises(RuntimeError):
        sign(referral, alice)
    # then
    assert not Consent.objects.exists()
    assert _stored_files(tmp_path) == []


def test_a_rollback_of_the_enclosing_transaction_leaves_no_file_after_cleanup(
    personas, reference_data, tmp_path
):
    # given: one consent that stays, one whose enclosing transaction rolls back
    alice = personas["alice"]
    kept = _signed(alice)
    referral = make_referral(alice, case=make_case(alice, national_id="B120000008", name="王大明"))
    written = []

    def sign_then_fail():
        with transaction.atomic():
            written.append(sign(referral, alice).consent.signature.name)
            raise RuntimeError("something later in the transaction failed")

    with pytest.raises(RuntimeError, match="later in the transaction"):
        sign_then_fail()
    assert Consent.objects.get() == kept
    assert _stored_files(tmp_path) == sorted([kept.signature.name, *written])
    # when: the cleanup keeps files younger than the grace period (transactions in flight)
    assert remove_orphaned_files() == 0
    out = io.StringIO()
    call_command("clean_signature_files", "--grace-minutes", "0", stdout=out)
    # then
    assert "刪除 1 個未被引用的簽名檔" in out.getvalue()
    assert _stored_files(tmp_path) == [kept.signature.name]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("foreign_key", "無法以目前設定的金鑰解密"),
        ("missing", "找不到簽名檔"),
        ("tampered_legacy", "SHA-256 不符"),
    ],
)
def test_an_unreadable_file_gives_a_clear_page_never_bytes_or_a_traceback(
    client_for, personas, reference_data, tmp_path, damage, message
):
    # given
    alice = personas["alice"]
    consent = _signed(alice)
    path = tmp_path / consent.signature.name
    if damage == "foreign_key":  # encrypted under a key that was dropped before rotation
        path.write_bytes(Fernet(Fernet.generate_key()).encrypt(png_bytes()))
    elif damage == "missing":
        path.unlink()
    else:
        consent = _make_legacy(consent, png_bytes()[:-1] + b"\x00")
    stored = path.read_bytes() if path.exists() else b""
    # when
    response = client_for(alice).get(_url(consent))
    # then
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert message in body
    assert "Traceback" not in body
    assert "gAAAAA" not in body
    if stored:
        assert stored.decode("latin-1") not in body


def test_erasure_deletes_encrypted_and_legacy_signature_files(personas, reference_data, tmp_path):
    # given: one seeker with an encrypted file and one with a legacy plaintext file
    alice = personas["alice"]
    encrypted = _signed(alice)
    legacy = _make_legacy(_signed_for_another_seeker(alice), png_bytes())
    assert len(_stored_files(tmp_path)) == 2
    # when
    first = anonymise_seeker(encrypted.seeker, actor=alice, reason="當事人請求刪除")
    second = anonymise_seeker(legacy.seeker, actor=alice, reason="當事人請求刪除")
    # then
    assert (first.files_deleted, second.files_deleted) == (1, 1)
    assert _stored_files(tmp_path) == []


def test_orphans_younger_than_the_grace_period_are_kept(personas, reference_data, tmp_path):
    # given: a file no row names, written just now (its transaction may still be open)
    storage = _signed(personas["alice"]).signature.storage
    storage.save("consents/2026/01/stray.sig", ContentFile(b"x"))
    # when / then
    assert remove_orphaned_files(datetime.timedelta(hours=1)) == 0
    assert remove_orphaned_files(datetime.timedelta(0)) == 1
    assert not storage.exists("consents/2026/01/stray.sig")
