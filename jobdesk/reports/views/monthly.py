"""Monthly reports: request one for an office and month, follow its progress, download it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import Role
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.reports import exports
from jobdesk.reports.models import MonthlyReport, MonthlyReportStatus
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import scope_for
from jobdesk.reports.tasks import request_monthly_report
from jobdesk.reports.views.base import filter_context


def _require_supervisor(user: Any) -> None:
    if getattr(user, "role", None) != Role.SUPERVISOR:
        raise PermissionDenied


@login_required
def monthly_list(request: HttpRequest) -> HttpResponse:
    _require_supervisor(request.user)
    scope = scope_for(request.user, request.GET)
    reports = MonthlyReport.objects.for_user(request.user).select_related("office")[:50]
    running = any(
        r.status in (MonthlyReportStatus.QUEUED, MonthlyReportStatus.RUNNING) for r in reports
    )
    return render(
        request,
        "reports/monthly_list.html",
        filter_context(scope, Period.this_month().previous())
        | {"reports": reports, "running": running},
    )


@login_required
@require_POST
def monthly_request(request: HttpRequest) -> HttpResponse:
    _require_supervisor(request.user)
    scope = scope_for(request.user, request.POST)
    month = Period.parse_month(request.POST.get("month"))
    request_monthly_report(office=scope.office, month=month, actor=acting_user(request))
    messages.success(request, f"已排入 {scope.office.name} {month.label} 月報。")
    return redirect("reports:monthly_list")


@login_required
def monthly_download(request: HttpRequest, public_id: str) -> HttpResponse:
    _require_supervisor(request.user)
    report = get_for_user_or_404(MonthlyReport, request.user, public_id)
    if report.status != MonthlyReportStatus.DONE:
        raise Http404
    reply = HttpResponse(bytes(report.content), content_type=exports.XLSX)
    name = f"monthly-{report.office.code}-{report.month:%Y-%m}.xlsx"
    reply["Content-Disposition"] = f'attachment; filename="{name}"'
    return reply
