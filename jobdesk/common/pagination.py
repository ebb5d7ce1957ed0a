"""Pagination whose total is counted on a lean queryset (filters only, no display annotations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page, Paginator
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


class LeanPaginator(CountedPaginator):
    """A ``CountedPaginator`` that cuts the page on the lean queryset, then reads only the page's
    rows for display.

    ``object_list`` is the lean queryset, sorted (filters, scope and ``ORDER BY`` only: the
    database sorts narrow rows and stops at the page's end, ``LIMIT``); ``display(pks)`` gets the
    page's primary keys as a subquery and returns the display queryset of those rows — joins and
    annotations computed for the page's rows only, not for every match before the sort — in the
    same order (the same ``ORDER BY``; it must end with a unique key so that the order is total).
    One query: ``… WHERE id IN (SELECT id … ORDER BY … LIMIT n OFFSET m) ORDER BY …``.
    """

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        count_from: Any,
        display: Callable[[Any], Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, count_from=count_from, **kwargs)
        self.display = display

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        lean: Any = self.object_list
        pks = lean.values("pk")[bottom:top]
        page: Page = self._get_page(self.display(pks), number, self)  # type: ignore[attr-defined,type-arg]
        return page
