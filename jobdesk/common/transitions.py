"""State machines as tables: which action a row allows in which status, and for which roles.

Each app keeps one ``StateMachine`` per model with a status (``jobdesk/cases/transitions.py``,
``jobdesk/referrals/transitions.py`` …). The services call ``machine.require(status, action, role)``
before they change anything; the views hand templates ``machine.allowed_actions(status, role)``,
so a template asks ``{% if "close" in allowed_actions %}`` and never re-encodes the statuses.
``tests/foundation/test_transitions.py`` checks both sides against the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models


@dataclass(frozen=True)
class Action:
    """One action: its zh-Hant verb (「無法{label}」), the statuses it starts from, the roles."""

    label: str
    sources: frozenset[str]
    roles: frozenset[str] | None = None  # None: every role that may change the row
    denied: str = "您沒有權限執行此動作。"


def action(
    label: str,
    sources: Iterable[str],
    *,
    roles: Iterable[str] | None = None,
    denied: str = "您沒有權限執行此動作。",
) -> Action:
    return Action(
        label=label,
        sources=frozenset(str(s) for s in sources),
        roles=None if roles is None else frozenset(str(r) for r in roles),
        denied=denied,
    )


class StateMachine:
    """The table of one model's actions. ``noun`` names the row in messages (個案, 轉介 …)."""

    def __init__(
        self,
        noun: str,
        statuses: type[models.TextChoices],
        actions: Mapping[str, Action],
        *,
        show_sources: bool = False,
        refused: str | None = None,
        code: str = "bad_status",
    ) -> None:
        values = set(statuses.values)
        for name, act in actions.items():
            unknown = act.sources - values
            if unknown:
                raise ValueError(f"{noun} action {name!r}: unknown statuses {sorted(unknown)}")
        self.noun = noun
        self.statuses = statuses
        self.actions: Mapping[str, Action] = dict(actions)
        self.show_sources = show_sources
        self.refused = refused
        self.code = code

    def __getitem__(self, name: str) -> Action:
        return self.actions[name]

    def sources(self, name: str) -> frozenset[str]:
        return self.actions[name].sources

    def role_allows(self, name: str, role: str | None) -> bool:
        roles = self.actions[name].roles
        return roles is None or (role is not None and role in roles)

    def allows(self, status: str, name: str, role: str | None = None) -> bool:
        return status in self.actions[name].sources and self.role_allows(name, role)

    def allowed_actions(self, status: str, role: str | None = None) -> frozenset[str]:
        """What a page may offer for a row in ``status`` to a user with ``role``."""
        return frozenset(n for n in self.actions if self.allows(status, n, role))

    def _label(self, status: str) -> str:
        try:
            return str(self.statuses(status).label)
        except ValueError:
            return status

    def require(self, status: str, name: str, role: str | None = None) -> None:
        """Raise PermissionDenied (wrong role) or ValidationError (wrong status), else nothing.

        ``role`` is checked only when the action names roles; pass the actor's role."""
        act = self.actions[name]
        if act.roles is not None and role not in act.roles:
            raise PermissionDenied(act.denied)
        if status in act.sources:
            return
        if self.refused is not None:
            raise ValidationError(self.refused, code=self.code)
        message = f"{self.noun}目前為「{self._label(status)}」，無法{act.label}"
        if self.show_sources:
            wanted = "、".join(self._label(s) for s in self.statuses.values if s in act.sources)
            message += f"（須為：{wanted}）"
        raise ValidationError(message + "。", code=self.code)


def role_of(user: object) -> str | None:
    """The role of a user, or None for anonymous users and system actors."""
    role = getattr(user, "role", None)
    return None if role is None else str(role)
