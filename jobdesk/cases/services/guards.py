"""Checks services run first: the actor may change the row, the case is in the right state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from jobdesk.accounts.roles import Role
from jobdesk.cases.models import Case, CaseStatus
from jobdesk.common.models import ScopedModel
from jobdesk.common.scoping import is_within


def require_change(obj: ScopedModel, actor: Any) -> None:
    """The actor may change ``obj`` (role and office subtree), else PermissionDenied."""
    if not type(obj)._default_manager.filter(pk=obj.pk).for_user(actor, "change").exists():  # type: ignore[attr-defined]
        raise PermissionDenied("您沒有權限修改這筆資料。")


def require_office(office: Any, actor: Any) -> None:
    """The actor works in ``office`` or above it, with a casework role."""
    if actor.role not in (Role.COUNSELLOR, Role.SUPERVISOR) or actor.office is None:
        raise PermissionDenied("您沒有權限在此據點登記資料。")
    if not is_within(office, actor.office):
        raise PermissionDenied("您沒有權限在此據點登記資料。")


def require_supervisor(actor: Any) -> None:
    if actor.role != Role.SUPERVISOR:
        raise PermissionDenied("此動作限督導執行。")


def require_status(case: Case, allowed: Iterable[str], action: str) -> None:
    allowed = list(allowed)
    if case.status not in allowed:
        labels = "、".join(str(CaseStatus(s).label) for s in allowed)
        raise ValidationError(
            f"個案目前為「{case.get_status_display()}」，無法{action}（須為：{labels}）。",
            code="bad_status",
        )


def require_open(case: Case, action: str) -> None:
    if case.status in (CaseStatus.CLOSED, CaseStatus.CLOSURE_REQUESTED):
        raise ValidationError(
            f"個案目前為「{case.get_status_display()}」，無法{action}。", code="bad_status"
        )


def check_dates_in_order(first: Any, second: Any, message: str, field: str) -> None:
    if first is not None and second is not None and second < first:
        raise ValidationError({field: message})
