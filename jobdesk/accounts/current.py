"""The account a request acts as, typed: views pass it to services that take ``actor: User``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from jobdesk.accounts.models import User


def acting_user(request: Any) -> User:
    """The signed-in account of ``request`` (a Django or DRF request behind a login check).

    Raises PermissionDenied for an anonymous request, which a login check has already turned
    away; it narrows ``request.user`` from ``User | AnonymousUser`` for the type checker."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("請先登入。")
    return user
