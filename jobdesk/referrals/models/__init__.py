"""Referral resources (K15) and referrals to other agencies (T3.3)."""

from jobdesk.referrals.models.referrals import (
    Outcome,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    ReferralUpdateKind,
    ReplyKind,
)
from jobdesk.referrals.models.resources import ReferralResource, ResourceKind

__all__ = [
    "Outcome",
    "Referral",
    "ReferralResource",
    "ReferralStatus",
    "ReferralUpdate",
    "ReferralUpdateKind",
    "ReplyKind",
    "ResourceKind",
]
