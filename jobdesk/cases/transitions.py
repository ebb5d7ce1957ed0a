"""The case's state machine: every action on a case and the statuses (and roles) it needs.

The services check this table (``CASE.require``); the case page shows only the buttons of
``CASE.allowed_actions(case.status, role)``. Closure records have their own small table.
"""

from __future__ import annotations

from jobdesk.cases.models import CaseStatus as S
from jobdesk.cases.models import ClosureStatus, LeadStatus, TransferStatus
from jobdesk.common.roles import Role
from jobdesk.common.transitions import StateMachine, action

# Every status but closed and closure requested: the case is being worked on.
WORKING = frozenset(S.values) - {S.CLOSED, S.CLOSURE_REQUESTED}
SUPERVISOR_ONLY = "此動作限督導執行。"

CASE = StateMachine(
    "個案",
    S,
    {
        "assess": action("記錄需求評估", WORKING),
        "confirm_needs": action("確認就業服務需求", [S.ASSESSING, S.PLANNING, S.ACTIVE]),
        "plan": action("訂定就業計畫", [S.PLANNING, S.ACTIVE, S.PLACED, S.FOLLOW_UP]),
        "add_step": action("新增計畫步驟", WORKING),
        "skills": action("評估求職技能", WORKING),
        "development": action("登錄求職技能活動", WORKING),
        "review": action("進行定期評估", [S.ACTIVE, S.PLACED, S.FOLLOW_UP]),
        "activity": action("新增服務紀錄", WORKING),
        "place": action("登錄就業", [S.OPEN, S.ASSESSING, S.PLANNING, S.ACTIVE, S.FOLLOW_UP]),
        "follow_up": action("記錄就業追蹤", [S.PLACED, S.FOLLOW_UP]),
        "refer": action("新增轉介", WORKING),
        "benefit": action("登記失業給付申請", WORKING),
        "subsidy": action("受理津貼申請", WORKING),
        "request_closure": action("申請結案", WORKING),
        "decide_closure": action(
            "核定結案", [S.CLOSURE_REQUESTED], roles=[Role.SUPERVISOR], denied=SUPERVISOR_ONLY
        ),
        "reopen": action("重新開案", [S.CLOSED]),
        "reassign": action(
            "改派",
            frozenset(S.values) - {S.CLOSED},
            roles=[Role.SUPERVISOR],
            denied=SUPERVISOR_ONLY,
        ),
        # a case awaiting its closure decision is decided where it was worked, not moved
        "transfer": action(
            "移轉至其他據點", WORKING, roles=[Role.SUPERVISOR], denied=SUPERVISOR_ONLY
        ),
    },
    show_sources=True,
)

TRANSFER = StateMachine(
    "個案移轉",
    TransferStatus,
    {
        "decide": action(
            "接收或不予接收",
            [TransferStatus.PENDING],
            roles=[Role.SUPERVISOR],
            denied=SUPERVISOR_ONLY,
        ),
        "cancel": action(
            "撤回", [TransferStatus.PENDING], roles=[Role.SUPERVISOR], denied=SUPERVISOR_ONLY
        ),
    },
    refused="此移轉申請已處理過。",
)

CLOSURE = StateMachine(
    "結案申請",
    ClosureStatus,
    {
        "decide": action(
            "核定", [ClosureStatus.PENDING], roles=[Role.SUPERVISOR], denied=SUPERVISOR_ONLY
        ),
    },
    refused="此結案申請已處理過。",
)

LEAD = StateMachine(
    "潛在求職者",
    LeadStatus,
    {
        "convert": action("求職登記", [LeadStatus.NEW]),
        "decline": action("登記無意願", [LeadStatus.NEW]),
    },
    refused="此潛在求職者已處理過（已登記或無意願）。",
)
