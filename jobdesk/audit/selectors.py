"""Scoped reads of the logs: auditors and supervisors see the rows of their office subtree."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from jobdesk.accounts.roles import LOG_VIEW_ROLES

L = TypeVar("L", bound=Model)


def logs_for_user(queryset: QuerySet[L], user: Any) -> QuerySet[L]:
    if not user.is_authenticated or user.role not in LOG_VIEW_ROLES or user.office_id is None:
        return queryset.none()
    return queryset.filter(office__path__startswith=user.office.path)
