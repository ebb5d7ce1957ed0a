"""Caseload (my cases, what is due), follow-ups due, closures awaiting a supervisor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import Role
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.services import record_list_reads
from jobdesk.cases.filters import CASELOAD_EXPORT, CaseloadFilter
from jobdesk.cases.models import Case
from jobdesk.cases.selectors import caseload_page, follow_ups_due
from jobdesk.cases.selectors import closures_pending as pending_closures
from jobdesk.cases.views.base import require_casework, require_supervisor_role

PANEL_ROWS = 10


def _options(request: HttpRequest) -> tuple[Any, dict[str, Any]]:
    """The caseload's filter (cases.filters.CaseloadFilter) on the query string: the form, and
    the arguments of ``caseload_page`` (the filtered cases and the sort)."""
    user: Any = request.user
    filtered = CaseloadFilter(user).run(request.GET, Case.objects.for_user(user))
    form = filtered.form
    sort = form.cleaned_data.get("sort") if form.is_bound and filtered.ok else None
    return form, {"cases": filtered.queryset, **({"sort": sort} if sort else {})}


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """A counsellor's own cases, or (supervisor) the office's, with reviews/steps/follow-ups due:
    one page at a time, sorted and counted in the database."""
    require_casework(request.user)
    if wanted_format(request):
        return export_response(request, CASELOAD_EXPORT)
    form, options = _options(request)
    page, rows = caseload_page(request.user, page=request.GET.get("page"), **options)
    query = request.GET.copy()
    query.pop("page", None)
    record_list_reads(acting_user(request), (r.case.seeker for r in rows), "個案負荷清單")
    return render(
        request,
        "cases/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "is_supervisor": request.user.role == Role.SUPERVISOR,  # type: ignore[union-attr]
        },
    )


@login_required
def caseload_panel(request: HttpRequest) -> HttpResponse:
    """The home page's section (loaded by htmx): the ten most urgent cases and the count."""
    require_casework(request.user)
    _, options = _options(request)
    page, rows = caseload_page(request.user, per_page=PANEL_ROWS, **options)
    record_list_reads(acting_user(request), (r.case.seeker for r in rows), "首頁個案負荷")
    return render(
        request, "cases/_caseload_panel.html", {"rows": rows, "total": page.paginator.count}
    )


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
    record_list_reads(acting_user(request), (c.case.seeker for c in closures), "待核定結案清單")
    return render(request, "cases/closures_pending.html", {"closures": closures})
