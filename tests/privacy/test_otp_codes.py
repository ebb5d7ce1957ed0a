"""TOTP details (RFC 6238): which codes are accepted, what the enrolment QR names."""

from urllib.parse import parse_qs, unquote, urlparse

import pyotp
import pytest

from jobdesk.privacy import otp
from jobdesk.privacy.models import StaffOTPDevice

pytestmark = pytest.mark.django_db

NOW = 1_800_000_015  # a fixed instant, 15 s into its 30-second step


@pytest.fixture
def device(personas):
    return otp.start_enrolment(actor=personas["alice"])


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr("jobdesk.privacy.otp.time.time", lambda: NOW)
    return NOW // otp.STEP_SECONDS


@pytest.mark.parametrize("drift", [-1, 0, 1])
def test_the_current_and_both_neighbouring_steps_are_accepted(device, frozen, drift):
    code = pyotp.TOTP(device.secret_encrypted).at((frozen + drift) * otp.STEP_SECONDS)
    assert otp._matching_step(device, code) == frozen + drift


@pytest.mark.parametrize("drift", [-3, -2, 2, 3])
def test_codes_further_away_are_refused(device, frozen, drift):
    code = pyotp.TOTP(device.secret_encrypted).at((frozen + drift) * otp.STEP_SECONDS)
    neighbours = {
        pyotp.TOTP(device.secret_encrypted).at((frozen + d) * otp.STEP_SECONDS) for d in (-1, 0, 1)
    }
    if code in neighbours:  # the same six digits twice in five steps: one in 10^5 secrets
        pytest.skip("code collision")
    assert otp._matching_step(device, code) is None


def test_spaces_in_a_code_are_ignored_and_short_codes_refused(device, frozen):
    code = pyotp.TOTP(device.secret_encrypted).at(frozen * otp.STEP_SECONDS)
    assert otp._matching_step(device, f"{code[:3]} {code[3:]}") == frozen
    assert otp._matching_step(device, code[:5]) is None


def test_a_verified_code_cannot_be_used_twice(personas, device, frozen):
    code = pyotp.TOTP(device.secret_encrypted).at(frozen * otp.STEP_SECONDS)
    assert otp.verify_code(actor=personas["alice"], code=code)
    assert not otp.verify_code(actor=personas["alice"], code=code)
    assert StaffOTPDevice.objects.get(user=personas["alice"]).last_used_step == frozen


def test_the_provisioning_uri_names_the_account_and_the_issuer(device):
    uri = urlparse(otp.provisioning_uri(device))
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == "/jobdesk:alice"
    query = parse_qs(uri.query)
    assert query["issuer"] == ["jobdesk"]
    assert query["secret"] == [device.secret_encrypted]


def test_a_counsellor_who_enrolled_must_verify_too(personas, device, frozen):
    # given: alice (no 2FA required by role) confirms a device
    alice = personas["alice"]
    assert not otp.requires_second_factor(alice)
    code = pyotp.TOTP(device.secret_encrypted).at(frozen * otp.STEP_SECONDS)
    otp.verify_code(actor=alice, code=code)
    # then: from now on she is asked at each login
    assert otp.requires_second_factor(alice)
    assert not otp.requires_second_factor(personas["bob"])
