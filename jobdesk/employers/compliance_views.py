"""§5 views beside the vacancy form: the live check while typing (htmx) and the bulk re-check
of open vacancies with its progress bar. They parse, check roles and scope, and call services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.employers.models import AdRecheckRun
from jobdesk.employers.services.compliance import (
    open_vacancies_for_recheck,
    preview_findings,
    start_ad_recheck,
)


def _require_officer(user: Any) -> None:
    if user.role not in EMPLOYER_CHANGE_ROLES:
        raise PermissionDenied


@login_required
@require_POST
def vacancy_check_text(request: HttpRequest) -> HttpResponse:
    """The findings partial for the title and description being typed (nothing is saved)."""
    _require_officer(request.user)
    post = request.POST
    findings = preview_findings(
        post.get("title", ""),
        post.get("description", ""),
        post.get("pay_basis", ""),
        post.get("pay_min"),
        post.get("pay_max"),
    )
    return render(
        request,
        "employers/_adcheck_live.html",
        {"findings": findings, "checked": bool(post.get("title") or post.get("description"))},
    )


@login_required
def recheck_start(request: HttpRequest) -> HttpResponse:
    """GET: what a re-check would cover; POST: start it."""
    _require_officer(request.user)
    if request.method == "POST":
        run = start_ad_recheck(actor=acting_user(request))
        messages.success(request, f"已排程重新檢核 {run.progress_total} 筆開放中職缺。")
        return redirect("employers:recheck_detail", public_id=run.public_id)
    runs = AdRecheckRun.objects.for_user(request.user).select_related("started_by")[:10]
    return render(
        request,
        "employers/recheck_start.html",
        {"open_count": open_vacancies_for_recheck(acting_user(request)).count(), "runs": runs},
    )


@login_required
@require_GET
def recheck_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require_officer(request.user)
    run = get_for_user_or_404(AdRecheckRun, request.user, public_id)
    return render(request, "employers/recheck_detail.html", {"run": run})


@login_required
@require_GET
def recheck_progress(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The progress partial; it polls itself (hx-trigger="every 1s") until the run ends."""
    _require_officer(request.user)
    run = get_for_user_or_404(AdRecheckRun, request.user, public_id)
    return render(request, "employers/_recheck_progress.html", {"run": run})
