"""Encryption at rest and keyed lookup hashes."""

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from jobdesk.common import crypto


def test_round_trip_and_ciphertexts_differ():
    token = crypto.encrypt("A123456789")
    assert "A123456789" not in token
    assert crypto.decrypt(token) == "A123456789"
    assert crypto.encrypt("A123456789") != token


def test_rotation_keeps_old_values_readable():
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(JOBDESK_FIELD_KEYS=[old_key]):
        token = crypto.encrypt("身心障礙證明")
    with override_settings(JOBDESK_FIELD_KEYS=[new_key, old_key]):
        assert crypto.decrypt(token) == "身心障礙證明"
        rotated = crypto.rotate(token)
    with override_settings(JOBDESK_FIELD_KEYS=[new_key]):
        assert crypto.decrypt(rotated) == "身心障礙證明"
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(token)


def test_lookup_hash_is_stable_keyed_and_purpose_bound():
    h1 = crypto.lookup_hash("A123456789", purpose="national_id")
    assert h1 == crypto.lookup_hash("A123456789", purpose="national_id")
    assert h1 != crypto.lookup_hash("A123456789", purpose="phone")
    with override_settings(JOBDESK_LOOKUP_KEY="another-key"):
        assert crypto.lookup_hash("A123456789", purpose="national_id") != h1
