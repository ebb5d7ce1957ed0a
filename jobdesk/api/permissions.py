"""May this caller use this endpoint: the token's scope for the view's area, then the role.

Rows are then found through ``for_user`` in the view (404 outside the office subtree), and the
service functions check again what they always check.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from jobdesk.api.models import ApiToken
from jobdesk.api.scopes import ACCESS_LABELS, AREAS, READ, WRITE, allows


def mode_of(request: Request, view: Any) -> str:
    return READ if request.method in permissions.SAFE_METHODS else WRITE


class ApiAccess(permissions.BasePermission):
    """Views declare ``area`` and ``read_roles`` / ``write_roles`` (frozensets of roles)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            raise exceptions.NotAuthenticated(
                "請提供 API 權杖（Authorization: Bearer …）或先登入。"
            )
        area: str = getattr(view, "area", "")
        mode = mode_of(request, view)
        token = request.auth
        if isinstance(token, ApiToken) and not allows(token.scopes, area, mode):
            raise exceptions.PermissionDenied(
                f"此權杖沒有「{AREAS.get(area, area)}」的{ACCESS_LABELS[mode]}權限。"
            )
        roles: frozenset[str] = getattr(view, "write_roles" if mode == WRITE else "read_roles")
        if getattr(user, "role", None) not in roles:
            raise exceptions.PermissionDenied("您的角色不能使用這項功能。")
        return True
