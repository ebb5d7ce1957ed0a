"""Checks the privacy services run first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from jobdesk.common.models import ScopedModel

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


def require_change(obj: ScopedModel, actor: User) -> None:
    """The actor may change ``obj`` (role and office subtree), else PermissionDenied."""
    manager: Any = type(obj)._default_manager
    if not manager.filter(pk=obj.pk).for_user(actor, "change").exists():
        raise PermissionDenied("您沒有權限處理這筆資料。")
