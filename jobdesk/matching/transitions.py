"""The recommendation's state machine (推介): the employer's replies, 報到 and 撤回.

A reply action is named by the outcome it records (``interview``, ``hired``, ``not_hired``).
The services check this table; the recommendation page shows the forms it allows.
"""

from __future__ import annotations

from jobdesk.common.transitions import StateMachine, action
from jobdesk.matching.models import CASEWORK_ROLES
from jobdesk.matching.models import RecommendationStatus as S

REPLIES = (S.INTERVIEW, S.HIRED, S.NOT_HIRED)

RECOMMENDATION = StateMachine(
    "推介",
    S,
    {
        S.INTERVIEW.value: action("登錄「面試」", [S.RECOMMENDED, S.INTERVIEW]),
        S.HIRED.value: action("登錄「錄取」", [S.RECOMMENDED, S.INTERVIEW]),
        S.NOT_HIRED.value: action("登錄「未錄取」", [S.RECOMMENDED, S.INTERVIEW, S.HIRED]),
        "start": action(
            "登錄報到（須先登錄錄取）",
            [S.HIRED],
            roles=CASEWORK_ROLES,
            denied="報到由就業服務員或督導登錄（個案將進入就業追蹤）。",
        ),
        "withdraw": action(
            "撤回",
            [S.RECOMMENDED, S.INTERVIEW],
            roles=CASEWORK_ROLES,
            denied="撤回推介限就業服務員或督導執行。",
        ),
    },
)
