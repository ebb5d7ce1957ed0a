"""The referral's state machine (T3.3): every step and the statuses it may start from.

``services._lock`` checks this table; the referral page shows the forms of
``REFERRAL.allowed_actions(referral.status)``. Sending also needs a valid signed consent,
checked by the service on top of the status.
"""

from __future__ import annotations

from jobdesk.common.transitions import StateMachine, action
from jobdesk.referrals.models import ReferralStatus as S

ACTIVE = frozenset({S.SENT, S.ANSWERED})

REFERRAL = StateMachine(
    "轉介",
    S,
    {
        "confirm": action("確認", [S.ASSESSING, S.CONSENTED]),
        "sign_consent": action("簽署同意書", [S.ASSESSING]),
        "send": action("轉介", [S.CONSENTED]),
        "reply": action("登錄回覆", ACTIVE),
        "follow_up": action("追蹤", ACTIVE),
        "outcome": action("登錄結果", ACTIVE),
        # the seeker withdraws the consent (privacy.withdraw_consent); the hook stops the referral
        "withdraw": action("撤回同意", [S.ASSESSING, S.CONSENTED, S.SENT, S.ANSWERED]),
    },
)
