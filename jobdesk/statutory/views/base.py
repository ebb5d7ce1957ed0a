"""Helpers of the statutory views: role checks, the caseload gate and the access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.audit.services import record_access
from jobdesk.privacy.access import caseload_gate, gate_applies, is_in_caseload


def require_casework(user: Any, change: bool = False) -> None:
    if user.role not in (CASE_CHANGE_ROLES if change else CASE_VIEW_ROLES):
        raise PermissionDenied


def require_supervisor(user: Any) -> None:
    if user.role != Role.SUPERVISOR:
        raise PermissionDenied


def read_seeker(
    request: HttpRequest, seeker: Any, *, what: str, action: str = "view"
) -> HttpResponse | None:
    """Gate a counsellor outside the caseload (the reason page), then log the read."""
    if gate_applies(request):
        response = caseload_gate(request, seeker)
        if response is not None:
            return response
    user: Any = request.user
    outside = user.role == Role.COUNSELLOR and not is_in_caseload(user, seeker)
    record_access(actor=user, subject=seeker, action=action, what=what, outside_caseload=outside)
    return None


def show_errors(request: HttpRequest, error: ValidationError | Any) -> None:
    if isinstance(error, ValidationError):
        for text in error.messages:
            messages.error(request, text)
    else:
        for field_errors in error.values():
            for text in field_errors:
                messages.error(request, str(text))
