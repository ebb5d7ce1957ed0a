"""The vacancy's state machine and the §5 finding's: which change each status allows.

A vacancy's action is named by the status it moves to (``open``, ``filled``, ``closed``,
``draft``). ``change_vacancy_status`` and ``override_finding`` check these tables; the vacancy
page shows only the buttons they allow.
"""

from __future__ import annotations

from jobdesk.common.transitions import StateMachine, action
from jobdesk.employers.models import FindingStatus
from jobdesk.employers.models import VacancyStatus as S

VACANCY = StateMachine(
    "職缺",
    S,
    {
        S.OPEN.value: action("改為「開放中」", [S.DRAFT, S.FILLED, S.CLOSED]),
        S.FILLED.value: action("改為「已補足」", [S.OPEN]),
        S.CLOSED.value: action("改為「已關閉」", [S.DRAFT, S.OPEN, S.FILLED]),
        S.DRAFT.value: action("改為「草稿」", [S.OPEN, S.CLOSED]),
    },
)

FINDING = StateMachine(
    "檢核結果",
    FindingStatus,
    {"override": action("認定無違法", [FindingStatus.OPEN])},
    refused="這個檢核結果已經處理過了。",
)
