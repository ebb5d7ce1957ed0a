"""What every report view shares: the scope and period from the query string, the filter form's
choices, the access log of rows that show job seekers, and file formats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest

from jobdesk.accounts.roles import Role
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_accesses
from jobdesk.common.scoping import office_subtree
from jobdesk.reports.periods import Period
from jobdesk.reports.rowsets import Row
from jobdesk.reports.scope import ReportScope, scope_for

FORMATS = ("xlsx", "csv")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


def scope_and_month(request: HttpRequest) -> tuple[ReportScope, Period]:
    return scope_for(request.user, request.GET), Period.parse_month(request.GET.get("month"))


def query(scope: ReportScope, period: Period | None = None, **extra: Any) -> str:
    params = scope.query()
    if period is not None and period.is_month:
        params["month"] = period.key
    params.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
    return urlencode(params)


def filter_context(scope: ReportScope, period: Period | None = None) -> dict[str, Any]:
    """The choices of the filter form: offices of the reader's subtree and their counsellors."""
    user: Any = scope.user
    is_supervisor = user.role == Role.SUPERVISOR
    offices = office_subtree(user.office) if is_supervisor else []
    counsellors = (
        ReportScope(user, user.office).counsellors() if is_supervisor else [scope.counsellor]
    )
    context: dict[str, Any] = {
        "scope": scope,
        "is_supervisor": is_supervisor,
        "office_choices": offices,
        "counsellor_choices": counsellors,
        "scope_query": query(scope, period),
    }
    if period is not None:
        context |= {
            "period": period,
            "month_value": period.key if period.is_month else "",
            "previous_query": query(scope, period.previous()),
            "next_query": query(scope, period.next()),
        }
    return context


def log_rows(user: Any, rows: Iterable[Row], *, what: str, export: bool = False) -> None:
    """One access-log row per job seeker a report lists (PDPA Art. 27), in one INSERT."""
    seen: dict[int, Any] = {}
    for row in rows:
        if row.seeker is not None:
            seen.setdefault(row.seeker.pk, row.seeker)
    record_accesses(
        actor=user,
        subjects=[(seeker, None) for seeker in seen.values()],
        action=AccessAction.EXPORT if export else AccessAction.VIEW,
        what=what[:200],
    )
