"""Where the deadlines are seen: the home panel, the case section (both loaded by htmx), the
counsellor's list, the supervisor's overdue list, and the rules in force with their basis."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import ADMIN_ROLES, Role
from jobdesk.audit.services import record_list_reads
from jobdesk.cases.models import Case
from jobdesk.cases.transitions import CASE
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.transitions import role_of
from jobdesk.statutory.models import BenefitClaim, StatutoryRule, SubsidyApplication
from jobdesk.statutory.rules import RuleMissing
from jobdesk.statutory.selectors import Deadline, case_deadlines, deadlines_for
from jobdesk.statutory.views.base import read_seeker, require_casework, require_supervisor

PANEL_ROWS = 10


def _deadlines(user: Any, *, overdue_only: bool = False) -> tuple[list[Deadline], str]:
    """The deadlines, or none and the reason when a rule they need is missing."""
    try:
        return deadlines_for(user, overdue_only=overdue_only), ""
    except RuleMissing as error:
        return [], str(error)


@login_required
def home_panel(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    rows, problem = _deadlines(request.user)
    shown = rows[:PANEL_ROWS]
    record_list_reads(acting_user(request), (d.seeker for d in shown), "首頁法定期限")
    return render(
        request,
        "statutory/_home_panel.html",
        {
            "rows": shown,
            "total": len(rows),
            "overdue": sum(d.overdue for d in rows),
            "problem": problem,
        },
    )


@login_required
def case_panel(request: HttpRequest, case_id: str) -> HttpResponse:
    require_casework(request.user)
    case = get_for_user_or_404(Case, request.user, case_id)
    gate = read_seeker(request, case.seeker, what="個案法定期限")
    if gate is not None:
        return gate
    try:
        rows, problem = case_deadlines(case, request.user), ""
    except RuleMissing as error:
        rows, problem = [], str(error)
    return render(
        request,
        "statutory/_case_panel.html",
        {
            "case": case,
            "allowed_actions": CASE.allowed_actions(case.status, role_of(request.user)),
            "rows": rows,
            "problem": problem,
            "claims": BenefitClaim.objects.for_user(request.user).filter(case=case),
            "subsidies": SubsidyApplication.objects.for_user(request.user).filter(case=case),
        },
    )


def _list(request: HttpRequest, *, overdue_only: bool, template: str, what: str) -> HttpResponse:
    rows, problem = _deadlines(request.user, overdue_only=overdue_only)
    record_list_reads(acting_user(request), (d.seeker for d in rows), what)
    return render(
        request, template, {"rows": rows, "problem": problem, "today": timezone.localdate()}
    )


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    return _list(
        request, overdue_only=False, template="statutory/deadlines.html", what="法定期限清單"
    )


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    return _list(
        request, overdue_only=True, template="statutory/overdue.html", what="逾期法定期限清單"
    )


RULE_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER}) | ADMIN_ROLES


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in RULE_ROLES:
        raise PermissionDenied
    from jobdesk.statutory.eligibility import INVOLUNTARY
    from jobdesk.taxonomy.models import TargetGroup

    names = dict(TargetGroup.objects.values_list("code", "name"))
    names[INVOLUNTARY] = "非自願離職者（失業給付申請）"
    rules = list(StatutoryRule.objects.all())
    for r in rules:
        r.shown = r.readable(names)  # type: ignore[attr-defined]
    return render(
        request, "statutory/rule_list.html", {"rules": rules, "today": timezone.localdate()}
    )
