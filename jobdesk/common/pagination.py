"""Pagination whose total is counted on a lean queryset (filters only, no display annotations)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """``Paginator`` that counts ``count_from`` instead of the page's queryset.

    A list's page queryset carries joins and annotations for display; counting it would compute
    them for every row. ``count_from`` must select the same rows (same filters, same scope).
    """

    def __init__(self, object_list: Any, per_page: int, *, count_from: Any, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.count_from = count_from

    @cached_property
    def count(self) -> int:
        return int(self.count_from.count())
