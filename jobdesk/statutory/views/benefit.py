"""失業給付 screens: register a claim, its page (clocks, 認定, 結束), each 再認定 with 求職紀錄."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.cases.models import Case
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.statutory.forms import (
    CertifyForm,
    ClaimForm,
    EndForm,
    RecertForm,
    SearchRecordForm,
    StopForm,
    TrainingForm,
)
from jobdesk.statutory.models import BenefitClaim, Recertification
from jobdesk.statutory.rules import rule
from jobdesk.statutory.selectors import (
    claim_deadlines,
    refused_without_ground,
    reply_window,
)
from jobdesk.statutory.services import benefit
from jobdesk.statutory.transitions import CLAIM
from jobdesk.statutory.views.base import read_seeker, require_casework, show_errors


@login_required
def claim_create(request: HttpRequest, case_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    case = get_for_user_or_404(Case, request.user, case_id, "change")
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = benefit.register_claim(case, actor=acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, "已登記失業給付申請；請於14日內推介就業或安排職業訓練。")
            return redirect("statutory:claim_detail", public_id=claim.public_id)
    gate = read_seeker(request, case.seeker, what="失業給付申請（新增）")
    if gate is not None:
        return gate
    today = timezone.localdate()
    return render(
        request,
        "statutory/claim_form.html",
        {
            "form": form,
            "case": case,
            "seeker": case.seeker,
            "bases": [
                rule(k, today)
                for k in ("benefit.claim_within_years", "benefit.rate", "benefit.max_months")
            ],
        },
    )


@login_required
def claim_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    claim = get_for_user_or_404(BenefitClaim, request.user, public_id)
    gate = read_seeker(request, claim.seeker, what="失業給付申請")
    if gate is not None:
        return gate
    today = timezone.localdate()
    end, certify_on = benefit.window(claim)
    version = {"version": claim.version}
    return render(
        request,
        "statutory/claim_detail.html",
        {
            "claim": claim,
            "seeker": claim.seeker,
            "case": claim.case,
            "deadlines": claim_deadlines(claim, today),
            "window_end": end,
            "certify_on": certify_on,
            "window_basis": rule("benefit.initial_window_days", claim.registered_on).basis,
            "recerts": claim.recerts.prefetch_related("search_records"),
            "replies": [reply_window(r, today) for r in benefit.claim_recommendations(claim)],
            "refused": refused_without_ground(claim),
            "training_form": TrainingForm(initial=version, prefix="training"),
            "certify_form": CertifyForm(initial=version, prefix="certify"),
            "end_form": EndForm(initial=version, prefix="end"),
            # the forms come from the table the services check (jobdesk/statutory/transitions.py)
            "allowed_actions": CLAIM.allowed_actions(claim.status),
        },
    )


CLAIM_ACTIONS: dict[str, Any] = {"training": TrainingForm, "certify": CertifyForm, "end": EndForm}


@login_required
@require_POST
def claim_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    require_casework(request.user, change=True)
    claim = get_for_user_or_404(BenefitClaim, request.user, public_id, "change")
    form_class = CLAIM_ACTIONS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        show_errors(request, form.errors)
        return redirect("statutory:claim_detail", public_id=claim.public_id)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        if action == "training":
            benefit.arrange_training(
                claim, actor=acting_user(request), expected_version=version, **data
            )
        elif action == "certify":
            benefit.certify(claim, actor=acting_user(request), expected_version=version, **data)
        else:
            benefit.end_claim(claim, actor=acting_user(request), expected_version=version, **data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, "已儲存。")
    return redirect("statutory:claim_detail", public_id=claim.public_id)


@login_required
def recert_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """One 再認定: its 求職紀錄 (added here), then the 再認定 itself or the stop."""
    require_casework(request.user)
    recert = get_for_user_or_404(Recertification, request.user, public_id)
    claim = recert.claim
    form = SearchRecordForm(request.POST or None, prefix="search")
    if request.method == "POST" and "search-employer_name" in request.POST:
        require_casework(request.user, change=True)
        recert = get_for_user_or_404(Recertification, request.user, public_id, "change")
        if form.is_valid():
            try:
                benefit.add_search_record(recert, actor=acting_user(request), **form.cleaned_data)
            except ValidationError as error:
                attach_service_errors(form, error)
            else:
                messages.success(request, "已新增求職紀錄。")
                return redirect("statutory:recert_detail", public_id=recert.public_id)
    gate = read_seeker(request, claim.seeker, what="失業再認定與求職紀錄")
    if gate is not None:
        return gate
    version = {"version": recert.version}
    needed = rule("benefit.min_job_search_records", recert.due_on)
    return render(
        request,
        "statutory/recert_detail.html",
        {
            "recert": recert,
            "claim": claim,
            "seeker": claim.seeker,
            "records": recert.search_records.all(),
            "needed": needed,
            "period_start": benefit.period_start(recert),
            "interval": rule("benefit.recert_interval_months", recert.due_on),
            "form": form,
            "recert_form": RecertForm(initial=version, prefix="recert"),
            "stop_form": StopForm(initial=version, prefix="stop"),
            "open": recert.status in ("scheduled", "curing") and claim.status == "certified",
        },
    )


@login_required
@require_POST
def recert_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    require_casework(request.user, change=True)
    recert = get_for_user_or_404(Recertification, request.user, public_id, "change")
    forms: dict[str, Any] = {"recert": RecertForm, "stop": StopForm}
    if action not in forms:
        raise Http404
    form = forms[action](request.POST, prefix=action)
    if not form.is_valid():
        show_errors(request, form.errors)
        return redirect("statutory:recert_detail", public_id=recert.public_id)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        if action == "recert":
            done = benefit.complete_recert(
                recert, actor=acting_user(request), expected_version=version, **data
            )
            if done.status == "curing":
                messages.warning(
                    request, f"求職紀錄不足，請於 {done.cure_due_on} 前補正（就業保險法第30條）。"
                )
            else:
                messages.success(request, f"已完成第 {done.number} 次失業再認定。")
        else:
            benefit.stop_recert(
                recert, actor=acting_user(request), expected_version=version, **data
            )
            messages.success(request, "已停止發給失業給付。")
    except ValidationError as error:
        show_errors(request, error)
    return redirect("statutory:recert_detail", public_id=recert.public_id)
