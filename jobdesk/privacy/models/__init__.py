"""Privacy core (個人資料保護法): notices, consents, data-subject requests, retention, 2FA."""

from jobdesk.privacy.models.consents import Consent, ConsentPurpose, SignatureMethod
from jobdesk.privacy.models.notices import NoticeMethod, NoticeRecord
from jobdesk.privacy.models.otp import StaffOTPDevice
from jobdesk.privacy.models.requests import (
    DEADLINE_DAYS,
    DataSubjectRequest,
    LegalHold,
    ProcessingRestriction,
    RequestKind,
    RequestStatus,
)
from jobdesk.privacy.models.retention import RetentionAction, RetentionPolicy, RetentionRun

__all__ = [
    "DEADLINE_DAYS",
    "Consent",
    "ConsentPurpose",
    "DataSubjectRequest",
    "LegalHold",
    "NoticeMethod",
    "NoticeRecord",
    "ProcessingRestriction",
    "RequestKind",
    "RequestStatus",
    "RetentionAction",
    "RetentionPolicy",
    "RetentionRun",
    "SignatureMethod",
    "StaffOTPDevice",
]
