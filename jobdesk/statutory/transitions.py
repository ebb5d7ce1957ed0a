"""The state machines of 失業給付 claims and 津貼 applications: which step each status allows.

The services check these tables; the claim and application pages show only the forms they allow.
"""

from __future__ import annotations

from jobdesk.common.roles import Role
from jobdesk.common.transitions import StateMachine, action
from jobdesk.statutory.models import ClaimStatus, SubsidyStatus

CLAIM = StateMachine(
    "申請",
    ClaimStatus,
    {
        "certify": action("辦理失業認定", [ClaimStatus.REGISTERED]),
        "training": action("安排職業訓練（限求職登記後、失業認定前）", [ClaimStatus.REGISTERED]),
        "end": action("結束申請", [ClaimStatus.REGISTERED, ClaimStatus.CERTIFIED]),
    },
)

SUBSIDY = StateMachine(
    "津貼申請",
    SubsidyStatus,
    {
        "documents": action("變更文件", [SubsidyStatus.SUBMITTED]),
        "decide": action(
            "審核",
            [SubsidyStatus.SUBMITTED],
            roles=[Role.SUPERVISOR],
            denied="津貼核定限督導辦理。",
        ),
    },
)
