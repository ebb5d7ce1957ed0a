"""就業促進津貼 applications: apply (per kind), the page (checks, documents, decision), A4 form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.audit.models import AccessAction
from jobdesk.cases.models import Case
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.transitions import role_of
from jobdesk.matching.models import Recommendation
from jobdesk.statutory.eligibility import required_documents
from jobdesk.statutory.forms import DecisionForm, DocumentsForm, SubsidyForm
from jobdesk.statutory.models import SubsidyApplication, SubsidyKind
from jobdesk.statutory.rules import rule
from jobdesk.statutory.services import subsidies
from jobdesk.statutory.transitions import SUBSIDY
from jobdesk.statutory.views.base import read_seeker, require_casework, show_errors

LIMIT_KEYS = {
    SubsidyKind.TRANSPORT: [
        "transport.distance_km",
        "transport.groups",
        "transport.amount_per_time",
        "transport.amount_special_max",
        "transport.times_per_year",
        "transport.reply_days",
    ],
    SubsidyKind.TEMP_WORK: [
        "temp_work.wait_days",
        "wage.minimum_hourly",
        "temp_work.max_hours_per_month",
        "temp_work.max_months",
    ],
    SubsidyKind.TRAINING: [
        "training.rate_of_minimum_wage",
        "wage.minimum_monthly",
        "training.max_months",
        "training.min_hours_per_month",
        "training.insured_rate",
    ],
}


@login_required
def subsidy_create(request: HttpRequest, case_id: str, kind: str) -> HttpResponse:
    require_casework(request.user, change=True)
    if kind not in SubsidyKind.values:
        raise Http404
    case = get_for_user_or_404(Case, request.user, case_id, "change")
    recs = list(
        Recommendation.objects.for_user(request.user)
        .filter(seeker=case.seeker, card_printed_at__isnull=False)
        .select_related("vacancy__employer")
        .order_by("-recommended_at")[:50]
    )
    form = SubsidyForm(request.POST or None, kind=kind, recommendations=recs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("recommendation", "")
        rec = next((r for r in recs if str(r.public_id) == chosen), None)
        try:
            app = subsidies.apply_for_subsidy(
                case, actor=acting_user(request), kind=kind, recommendation=rec, **data
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, f"已受理{app.get_kind_display()}申請。")
            return redirect("statutory:subsidy_detail", public_id=app.public_id)
    gate = read_seeker(request, case.seeker, what=f"{SubsidyKind(kind).label}申請（新增）")
    if gate is not None:
        return gate
    return render(
        request,
        "statutory/subsidy_form.html",
        {
            "form": form,
            "case": case,
            "seeker": case.seeker,
            "kind": SubsidyKind(kind),
            "limits": [rule(k) for k in LIMIT_KEYS[SubsidyKind(kind)]],
        },
    )


@login_required
def subsidy_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    app = get_for_user_or_404(SubsidyApplication, request.user, public_id)
    gate = read_seeker(request, app.seeker, what=f"{app.get_kind_display()}申請")
    if gate is not None:
        return gate
    documents = required_documents(app.kind, app.applied_on)
    version = {"version": app.version}
    return render(
        request,
        "statutory/subsidy_detail.html",
        {
            "app": app,
            "seeker": app.seeker,
            "documents": [(d, d["code"] in app.documents) for d in documents],
            "documents_form": DocumentsForm(
                initial={**version, "documents": app.documents},
                documents=documents,
                prefix="documents",
            ),
            "decision_form": DecisionForm(
                initial={**version, "amount_approved": app.amount_requested}, prefix="decide"
            ),
            # the forms come from the table the services check (jobdesk/statutory/transitions.py)
            "allowed_actions": SUBSIDY.allowed_actions(app.status, role_of(request.user)),
        },
    )


@login_required
@require_POST
def subsidy_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    require_casework(request.user, change=True)
    app = get_for_user_or_404(SubsidyApplication, request.user, public_id, "change")
    form: Any
    if action == "documents":
        form = DocumentsForm(
            request.POST,
            documents=required_documents(app.kind, app.applied_on),
            prefix="documents",
        )
    elif action == "decide":
        form = DecisionForm(request.POST, prefix="decide")
    else:
        raise Http404
    if not form.is_valid():
        show_errors(request, form.errors)
        return redirect("statutory:subsidy_detail", public_id=app.public_id)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        if action == "documents":
            subsidies.record_documents(
                app, actor=acting_user(request), expected_version=version, **data
            )
        else:
            subsidies.decide_subsidy(
                app, actor=acting_user(request), expected_version=version, **data
            )
    except ValidationError as error:
        show_errors(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已儲存。")
    return redirect("statutory:subsidy_detail", public_id=app.public_id)


@login_required
def subsidy_print(request: HttpRequest, public_id: str) -> HttpResponse:
    """The application form on A4 (browser print)."""
    require_casework(request.user)
    app = get_for_user_or_404(SubsidyApplication, request.user, public_id)
    gate = read_seeker(
        request, app.seeker, what=f"{app.get_kind_display()}申請書", action=AccessAction.PRINT
    )
    if gate is not None:
        return gate
    return render(
        request,
        "statutory/subsidy_print.html",
        {
            "app": app,
            "seeker": app.seeker,
            "documents": required_documents(app.kind, app.applied_on),
        },
    )
