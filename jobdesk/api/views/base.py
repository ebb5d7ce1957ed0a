"""What every API view shares: scoped lookups, filters from the UI's forms, the access log."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import unquote

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from jobdesk.accounts.roles import Role
from jobdesk.api.exceptions import ReasonRequired
from jobdesk.audit.services import record_access
from jobdesk.common.filters import Filtered, ListFilter
from jobdesk.common.models import ScopedModel
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.privacy.access import is_in_caseload
from jobdesk.privacy.forms import AccessReasonForm

M = TypeVar("M", bound=ScopedModel)

REASON_HEADER = "X-Access-Reason"


class ApiView(GenericAPIView):  # type: ignore[type-arg]
    # Subclasses set ``area`` (a token scope area) and the roles that may read and write.
    # (A comment, not a docstring: drf-spectacular would print it under every operation.)

    area: str = ""
    read_roles: frozenset[str] = frozenset()
    write_roles: frozenset[str] = frozenset()

    def scoped(self, model: type[M], public_id: Any, action: str = "view") -> M:
        """The row by public id within the caller's scope, else 404 (never 403)."""
        return get_for_user_or_404(model, self.request.user, public_id, action)


def bound_form(form_class: type[forms.Form], request: Request) -> forms.Form:
    """The filter form bound to the query string (validated: 400 when invalid)."""
    params = {k: v for k, v in request.query_params.items() if k in form_class.base_fields}
    form = form_class(params or None)
    if form.is_bound and not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form


def run_filter(
    list_filter: type[ListFilter[Any]], request: Request, queryset: QuerySet[Any]
) -> Filtered[Any]:
    """The list's own filter (the one its screen uses), on the query string: 400 when invalid."""
    filtered = list_filter(request.user).run(request.query_params, queryset)
    if not filtered.ok:
        raise ValidationError(filtered.errors)
    return filtered


def filter_data(filtered: Filtered[Any]) -> dict[str, Any]:
    """The cleaned parameters of a filter that ran (``{}`` when none was given)."""
    return dict(filtered.form.cleaned_data) if filtered.form.is_bound else {}


_TYPES: dict[type[forms.Field], Any] = {
    forms.IntegerField: OpenApiTypes.INT,
    forms.BooleanField: OpenApiTypes.BOOL,
    forms.DateField: OpenApiTypes.DATE,
}


def form_parameters(form_class: type[forms.Form]) -> list[OpenApiParameter]:
    """The query parameters of a UI filter form, for the OpenAPI description."""
    params = []
    for name, field in form_class.base_fields.items():
        kind = next((t for cls, t in _TYPES.items() if isinstance(field, cls)), OpenApiTypes.STR)
        choices = getattr(field, "choices", None)
        enum = None
        if choices and not isinstance(field, forms.ModelChoiceField):
            enum = [str(value) for value, _ in choices if str(value)] or None
        params.append(
            OpenApiParameter(
                name,
                kind,
                OpenApiParameter.QUERY,
                required=False,
                description=str(field.label or ""),
                enum=enum,
            )
        )
    return params


REASON_PARAMETER = OpenApiParameter(
    REASON_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="非本人承辦之求職者：調閱理由（URL 編碼），記錄於存取紀錄並通知督導。",
)


def log_seeker_read(
    request: Request, seeker: Any, *, what: str, action: str = "view", gate: bool = True
) -> None:
    """Every read of a job seeker's data writes the access log (PDPA Art. 27).

    A counsellor outside their caseload states a reason first (the UI's reason page; here the
    ``X-Access-Reason`` header, validated by the same form): without one the answer is 403.
    Writes pass ``gate=False``: like the UI's POSTs they are logged, not gated (the service
    has already checked the caller's scope).
    """
    user: Any = request.user
    if gate and user.role == Role.COUNSELLOR and not is_in_caseload(user, seeker):
        form = AccessReasonForm({"reason": unquote(request.headers.get(REASON_HEADER, ""))})
        if not form.is_valid():
            messages = [*form.errors.get("reason", []), str(ReasonRequired.default_detail)]
            raise ReasonRequired(" ".join(messages))
        record_access(
            actor=user,
            subject=seeker,
            action=action,
            what=what,
            reason=form.cleaned_data["reason"],
            outside_caseload=True,
        )
        return
    record_access(actor=user, subject=seeker, action=action, what=what)
