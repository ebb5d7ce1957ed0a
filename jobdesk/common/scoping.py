"""Scope: the one module that knows how an office subtree is written (a test checks).

An office's ``path`` is the chain of codes from the root, each followed by ``/`` (``NB/NB-SC/``):
a subtree is every office whose path starts with the office's path, whole segments only, so
``A1/`` never reaches its sibling ``A10/``. Everything that asks "is this in that office's tree?"
goes through the functions here, and every row a user may see goes through
``ScopedQuerySet.for_user(user, action)`` (``jobdesk.common.models``), which uses them too.
Lookups return 404 outside a user's scope: never confirm that a record exists.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db.models import QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from jobdesk.common.models import ScopedModel

S = TypeVar("S", bound="ScopedModel")


def office_subtree(office: Any) -> QuerySet[Any]:
    """The office and every office below it (a queryset of the office's own model)."""
    return cast("QuerySet[Any]", type(office)._default_manager.filter(path__startswith=office.path))


def path_is_within(path: str | None, office: Any) -> bool:
    """True if the office whose path is ``path`` is ``office`` or lies below it."""
    return path is not None and office is not None and path.startswith(office.path)


def is_within(office: Any, ancestor: Any) -> bool:
    """True if ``office`` is ``ancestor`` or lies below it."""
    return office is not None and path_is_within(office.path, ancestor)


def get_for_user_or_404(model: type[S], user: Any, public_id: Any, action: str = "view") -> S:
    """The one way a view fetches a scoped row by its public id."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    rows: Any = model._default_manager.filter(public_id=key)
    found = rows.for_user(user, action).first()
    if found is None:
        raise Http404
    return cast(S, found)
