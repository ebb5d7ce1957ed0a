"""Lookups that return 404 outside a user's scope: never confirm that a record exists."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar, cast

from django.http import Http404

from jobdesk.common.models import ScopedModel, ScopedQuerySet

S = TypeVar("S", bound=ScopedModel)


def get_for_user_or_404(model: type[S], user: Any, public_id: Any, action: str = "view") -> S:
    """The one way a view fetches a scoped row by its public id."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    obj = model._default_manager.filter(public_id=key)
    found = obj.for_user(user, action).first() if isinstance(obj, ScopedQuerySet) else None
    if found is None:
        raise Http404
    return cast(S, found)
