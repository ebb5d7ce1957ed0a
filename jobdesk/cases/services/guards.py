"""Checks services run first: the actor may change the row, the case is in the right state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError

from jobdesk.accounts.roles import Role
from jobdesk.cases.models import Case
from jobdesk.cases.transitions import CASE
from jobdesk.common.models import ScopedModel
from jobdesk.common.scoping import is_within
from jobdesk.common.transitions import role_of

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


def require_change(obj: ScopedModel, actor: User) -> None:
    """The actor may change ``obj`` (role and office subtree), else PermissionDenied."""
    if not type(obj)._default_manager.filter(pk=obj.pk).for_user(actor, "change").exists():  # type: ignore[attr-defined]
        raise PermissionDenied("您沒有權限修改這筆資料。")


def require_office(office: Any, actor: User) -> None:
    """The actor works in ``office`` or above it, with a casework role."""
    if actor.role not in (Role.COUNSELLOR, Role.SUPERVISOR) or actor.office is None:
        raise PermissionDenied("您沒有權限在此據點登記資料。")
    if not is_within(office, actor.office):
        raise PermissionDenied("您沒有權限在此據點登記資料。")


def require_supervisor(actor: User) -> None:
    if actor.role != Role.SUPERVISOR:
        raise PermissionDenied("此動作限督導執行。")


def require_action(case: Case, name: str, actor: User) -> None:
    """The case's status (and the actor's role) allow ``name`` in ``CASE``, the one table the
    case page also reads; else ValidationError (code ``bad_status``) or PermissionDenied."""
    CASE.require(case.status, name, role_of(actor))


def check_dates_in_order(first: Any, second: Any, message: str, field: str) -> None:
    if first is not None and second is not None and second < first:
        raise ValidationError({field: message})
