"""Helpers shared by the statutory services: scope checks and the day-counting rule."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from jobdesk.statutory.rules import value

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


def require_change(obj: Any, actor: User, message: str = "您沒有權限處理這筆資料。") -> None:
    manager: Any = type(obj)._default_manager
    if not manager.filter(pk=obj.pk).for_user(actor, "change").exists():
        raise PermissionDenied(message)


def count_start_day(on: datetime.date) -> bool:
    return bool(value("clock.count_start_day", on))
