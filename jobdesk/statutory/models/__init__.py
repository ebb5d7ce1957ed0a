from jobdesk.statutory.models.benefit import (
    REPLY_ROLES,
    BenefitClaim,
    ClaimStatus,
    EndReason,
    InitialAction,
    JobSearchRecord,
    Recertification,
    RecertStatus,
    ReplyCard,
    ReplyResult,
    SearchMethod,
    SearchResult,
)
from jobdesk.statutory.models.groups import CONSENT_PURPOSE, TargetGroupRecord
from jobdesk.statutory.models.rules import RuleStatus, StatutoryRule
from jobdesk.statutory.models.subsidies import SubsidyApplication, SubsidyKind, SubsidyStatus

__all__ = [
    "CONSENT_PURPOSE",
    "REPLY_ROLES",
    "BenefitClaim",
    "ClaimStatus",
    "EndReason",
    "InitialAction",
    "JobSearchRecord",
    "RecertStatus",
    "Recertification",
    "ReplyCard",
    "ReplyResult",
    "RuleStatus",
    "SearchMethod",
    "SearchResult",
    "StatutoryRule",
    "SubsidyApplication",
    "SubsidyKind",
    "SubsidyStatus",
    "TargetGroupRecord",
]
