"""One filter definition per list, for the screen, the API and the export.

A list's filter is a ``ListFilter`` in the app that owns the list (``jobdesk/<app>/filters.py``):
a form (the fields, their zh-Hant labels and messages) and ``apply``, which narrows a queryset
that the caller has already scoped with ``for_user``. The screen renders the form and its errors,
the API answers 400 with them, the export writes the filters used into the file: the same
parameters give the same rows everywhere (tests/api/test_same_filters.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django import forms
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


@dataclass
class Filtered(Generic[M]):
    """What a filter made of the parameters: the rows, the bound form, and its errors."""

    queryset: QuerySet[M]
    form: forms.Form
    errors: dict[str, list[str]] = field(default_factory=dict)
    shown: Callable[[str, str], str] = field(default=lambda name, value: value)

    @property
    def ok(self) -> bool:
        return not self.errors

    def described(self) -> list[tuple[str, str]]:
        """The filters in use as (label, value) pairs, in the form's order (for the export)."""
        if not self.form.is_bound or not self.ok:
            return []
        out: list[tuple[str, str]] = []
        for name, bound in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, "", False, [], ()):
                continue
            if isinstance(bound, forms.ChoiceField) and not isinstance(
                bound, forms.ModelChoiceField
            ):
                choices: Any = bound.choices
                value = {str(k): v for k, v in choices}.get(str(value), value)
            elif value is True:
                value = "是"
            out.append((str(bound.label or name), self.shown(name, str(value))))
        return out


class ListFilter(Generic[M]):
    """Subclasses set ``form_class`` and write ``apply``; ``form_kwargs`` when the form needs
    the user (e.g. the counsellors a supervisor may choose)."""

    form_class: type[forms.Form]

    def __init__(self, user: Any) -> None:
        self.user = user

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def bind(self, params: Mapping[str, Any]) -> forms.Form:
        """The form bound to the parameters it knows (others: page, cursor, format… ignored);
        unbound when none of them is given, so that a first visit shows no error."""
        names = set(self.form_class.base_fields)
        known = {k: params.get(k) for k in params if k in names}
        return self.form_class(known or None, **self.form_kwargs())

    def apply(self, queryset: QuerySet[M], data: Mapping[str, Any]) -> QuerySet[M]:
        """``queryset`` (scoped) narrowed by the form's cleaned data (``{}`` when unbound)."""
        raise NotImplementedError

    def shown(self, name: str, value: str) -> str:
        """A parameter as the change log and an export's 「說明」 may write it (a filter that
        takes a national ID masks it)."""
        return value

    def recorded(self, params: Mapping[str, Any]) -> dict[str, str]:
        """The filter's own parameters, as they may be recorded."""
        names = self.form_class.base_fields
        return {k: self.shown(k, str(v)) for k, v in params.items() if k in names}

    def run(self, params: Mapping[str, Any], queryset: QuerySet[M]) -> Filtered[M]:
        """Validate ``params`` and filter ``queryset``; invalid parameters give no rows (never
        the unfiltered list) and their zh-Hant messages, by field."""
        form = self.bind(params)
        if form.is_bound and not form.is_valid():
            errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
            return Filtered(queryset.none(), form, errors, self.shown)
        data: Mapping[str, Any] = form.cleaned_data if form.is_bound else {}
        return Filtered(self.apply(queryset, data), form, shown=self.shown)
