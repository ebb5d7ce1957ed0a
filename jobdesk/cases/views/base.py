"""Helpers shared by the views of jobdesk.cases."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.audit.services import record_access
from jobdesk.cases.models import Case, JobSeeker
from jobdesk.cases.selectors import in_caseload
from jobdesk.privacy.access import caseload_gate, gate_applies


def require_casework(user: Any, change: bool = False) -> None:
    if user.role not in (CASE_CHANGE_ROLES if change else CASE_VIEW_ROLES):
        raise PermissionDenied


def require_supervisor_role(user: Any) -> None:
    if user.role != Role.SUPERVISOR:
        raise PermissionDenied


def error_text(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "您沒有權限執行此動作。"


def log_seeker_read(
    request: HttpRequest,
    seeker: JobSeeker,
    *,
    what: str,
    case: Case | None = None,
    action: str = "view",
) -> None:
    """Every read of a job seeker's personal data is logged (PDPA Art. 27)."""
    user: Any = request.user
    outside = user.role == Role.COUNSELLOR and not in_caseload(user, seeker)
    record_access(actor=user, subject=seeker, action=action, what=what, outside_caseload=outside)


def gate_seeker_read(
    request: HttpRequest,
    seeker: JobSeeker,
    *,
    what: str,
    case: Case | None = None,
    action: str = "view",
) -> HttpResponse | None:
    """Log a read of ``seeker``'s data; a counsellor outside their caseload states a reason first.

    Returns the reason page to show instead of the record, or ``None`` when the view may go on.
    Supervisors oversee their office's caseload as part of their role and are not asked.
    """
    if gate_applies(request):  # the gate asks counsellors only
        response = caseload_gate(request, seeker)
        if response is not None:
            return response
    log_seeker_read(request, seeker, what=what, case=case, action=action)
    return None
