"""The data-subject request's state machine (PDPA Art. 10, 11, 13): what an open request allows.

The services check this table (``services.requests._open``); the request page shows the forms of
``DSR.allowed_actions(dsr.status)``.
"""

from __future__ import annotations

from jobdesk.common.transitions import StateMachine, action
from jobdesk.privacy.models import RequestStatus as S

DSR = StateMachine(
    "當事人權利請求",
    S,
    {
        "extend": action("延長期限", [S.OPEN]),
        "complete": action("結案", [S.OPEN]),
        "correct": action("更正資料", [S.OPEN]),
        "export": action("製給資料", [S.OPEN]),
    },
    refused="此請求已結案。",
    code="closed",
)
