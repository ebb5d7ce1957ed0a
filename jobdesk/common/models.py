"""Base models every app builds on.

``ScopedModel`` is the base of every case-bearing row: it knows its office, carries a public UUID
for URLs, timestamps, and a ``version`` for optimistic locking. Its default manager is a
``ScopedQuerySet`` whose ``for_user()`` is the only way views reach these rows.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, TypeVar

from django.db import models

from jobdesk.common.scoping import office_subtree

M = TypeVar("M", bound=models.Model)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("建立時間", auto_now_add=True)
    updated_at = models.DateTimeField("更新時間", auto_now=True)

    class Meta:
        abstract = True


class ScopedQuerySet(models.QuerySet[M]):
    """A queryset that knows how to restrict itself to what a user may see or change.

    The model says, per action, which roles may reach its rows (``scope_roles``) and through
    which field its office is found (``office_lookup``). Actions in use: ``view``, ``change``;
    ``log`` (the logs and the access log of a seeker: auditors and supervisors); ``match``
    (seekers proposed for a vacancy: staff who serve employers too); ``oversee`` (lists an
    auditor reads without opening records). A role or action not named grants nothing.
    """

    def for_user(self, user: Any, action: str = "view") -> ScopedQuerySet[M]:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        roles: frozenset[str] = getattr(self.model, "scope_roles", {}).get(action, frozenset())
        if user.role not in roles or user.office_id is None:
            return self.none()
        lookup: str = getattr(self.model, "office_lookup", "office")
        # The offices of the user's subtree as a subquery: rows are then found through their own
        # office index (a count or a page never joins and scans every row's office path).
        subtree = office_subtree(user.office).values("pk")
        return self.filter(**{f"{lookup}__in": subtree})


class ScopedModel(TimeStampedModel):
    """A row that belongs to an office; reached only through ``objects.for_user(user)``.

    Subclasses set ``scope_roles = {"view": CASE_VIEW_ROLES, "change": CASE_CHANGE_ROLES}``
    (see ``jobdesk.common.roles``).
    """

    public_id = models.UUIDField("識別碼", default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey(
        "accounts.Office", verbose_name="據點", on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    office_lookup: ClassVar[str] = "office"
    scope_roles: ClassVar[dict[str, frozenset[str]]] = {}

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
