"""Every change of state in jobdesk.privacy: atomic, validated, audited (keyword-only ``actor``).

Other apps call ``record_notice_given`` (at registration), ``record_consent`` /
``withdraw_consent`` (referrals), ``is_processing_stopped`` (matching, contact lists).
"""

from jobdesk.privacy.services.consents import record_consent, valid_consents, withdraw_consent
from jobdesk.privacy.services.erasure import (
    anonymise_seeker,
    is_on_legal_hold,
    place_legal_hold,
    purge_expired,
    release_legal_hold,
)
from jobdesk.privacy.services.export import export_subject_data
from jobdesk.privacy.services.notices import record_notice_given
from jobdesk.privacy.services.requests import (
    apply_correction,
    complete_request,
    extend_request,
    is_processing_stopped,
    open_request,
)

__all__ = [
    "anonymise_seeker",
    "apply_correction",
    "complete_request",
    "export_subject_data",
    "extend_request",
    "is_on_legal_hold",
    "is_processing_stopped",
    "open_request",
    "place_legal_hold",
    "purge_expired",
    "record_consent",
    "record_notice_given",
    "release_legal_hold",
    "valid_consents",
    "withdraw_consent",
]
