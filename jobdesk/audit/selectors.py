"""Scoped reads of the logs: auditors and supervisors see the rows of their office subtree."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from jobdesk.common.models import ScopedQuerySet

L = TypeVar("L", bound=Model)


def logs_for_user(queryset: QuerySet[L], user: Any) -> QuerySet[L]:
    """The log rows ``user`` may read: ``for_user(user, "log")`` (LOG_VIEW_ROLES, subtree)."""
    if not isinstance(queryset, ScopedQuerySet):
        raise TypeError("logs are read through their scoped manager")
    return queryset.for_user(user, "log")
