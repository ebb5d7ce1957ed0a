"""Caseload (my cases, what is due), follow-ups due, closures awaiting a supervisor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobdesk.accounts.roles import Role
from jobdesk.audit.services import record_list_reads
from jobdesk.cases.forms import CaseloadFilterForm
from jobdesk.cases.selectors import caseload as caseload_rows
from jobdesk.cases.selectors import closures_pending as pending_closures
from jobdesk.cases.selectors import counsellors_for, follow_ups_due
from jobdesk.cases.views.base import require_casework, require_supervisor_role


def _rows(request: HttpRequest) -> tuple[CaseloadFilterForm, list[Any]]:
    user: Any = request.user
    is_supervisor = user.role == Role.SUPERVISOR
    form = CaseloadFilterForm(
        request.GET or None, counsellors=counsellors_for(user) if is_supervisor else None
    )
    options: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        options = {k: v for k, v in form.cleaned_data.items() if v}
    return form, caseload_rows(user, **options)


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """A counsellor's own cases, or (supervisor) the office's, with reviews/steps/follow-ups due."""
    require_casework(request.user)
    form, rows = _rows(request)
    record_list_reads(request.user, (r.case.seeker for r in rows), "個案負荷清單")
    return render(
        request,
        "cases/caseload.html",
        {"form": form, "rows": rows, "is_supervisor": request.user.role == Role.SUPERVISOR},  # type: ignore[union-attr]
    )


@login_required
def caseload_panel(request: HttpRequest) -> HttpResponse:
    """The home page's section (loaded by htmx): the ten most urgent cases."""
    require_casework(request.user)
    _, rows = _rows(request)
    record_list_reads(request.user, (r.case.seeker for r in rows[:10]), "首頁個案負荷")
    return render(request, "cases/_caseload_panel.html", {"rows": rows[:10], "total": len(rows)})


@login_required
def followups_due(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    return render(
        request,
        "cases/followups_due.html",
        {"follow_ups": follow_ups_due(request.user, within_days=30)},
    )


@login_required
def closures_pending(request: HttpRequest) -> HttpResponse:
    require_supervisor_role(request.user)
    closures = list(pending_closures(request.user))
    record_list_reads(request.user, (c.case.seeker for c in closures), "待核定結案清單")
    return render(request, "cases/closures_pending.html", {"closures": closures})
