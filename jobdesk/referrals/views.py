"""Views of the referral path: parse, check, call a service, render. No business rules here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import ADMIN_ROLES, CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_access
from jobdesk.cases.models import Case
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.transitions import role_of
from jobdesk.privacy import data_items
from jobdesk.privacy.access import caseload_gate, gate_applies
from jobdesk.privacy.signatures import check_drawn_signature, check_scan
from jobdesk.referrals import services
from jobdesk.referrals.filters import REFERRAL_EXPORT, ReferralFilter
from jobdesk.referrals.forms import (
    ACTION_FORMS,
    ReferralForm,
    ResourceSearchForm,
    SignForm,
)
from jobdesk.referrals.models import Referral, ReferralStatus
from jobdesk.referrals.selectors import referrals_for, search_resources
from jobdesk.referrals.transitions import REFERRAL

RESOURCE_ROLES = frozenset(
    {Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER} | set(ADMIN_ROLES)
)


def _require(user: Any, roles: frozenset[str]) -> None:
    if user.role not in roles:
        raise PermissionDenied


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, RESOURCE_ROLES)
    form = ResourceSearchForm(request.GET or None)
    resources = search_resources()
    if form.is_bound and form.is_valid():
        resources = search_resources(**form.cleaned_data)
    page = Paginator(resources, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/resource_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, CASE_VIEW_ROLES)
    if wanted_format(request):
        return export_response(request, REFERRAL_EXPORT)
    filtered = ReferralFilter(request.user).run(request.GET, referrals_for(request.user))
    data = filtered.form.cleaned_data if filtered.form.is_bound and filtered.ok else {}
    status, mine = data.get("status", ""), bool(data.get("mine"))
    page = Paginator(filtered.queryset, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/referral_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": ReferralStatus.choices,
            "status": status,
            "mine": mine,
            "filter_errors": filtered.errors,
        },
    )


@login_required
def referral_create(request: HttpRequest, case_id: str) -> HttpResponse:
    _require(request.user, CASE_CHANGE_ROLES)
    case = get_for_user_or_404(Case, request.user, case_id, "change")
    gate = caseload_gate(request, case.seeker) if gate_applies(request) else None
    if gate is not None:
        return gate
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.start_referral(
                case, actor=acting_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, "已建立轉介評估表，請向求職者說明並簽署轉介同意書。")
            return redirect("referrals:referral_consent", public_id=referral.public_id)
    record_access(actor=acting_user(request), subject=case.seeker, what="轉介評估（新增）")
    return render(request, "referrals/referral_form.html", {"form": form, "case": case})


def _referral(request: HttpRequest, public_id: str, action: str = "view") -> Referral:
    _require(request.user, CASE_VIEW_ROLES)
    referral = get_for_user_or_404(Referral, request.user, public_id, action)
    return referral


@login_required
def referral_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    referral = _referral(request, public_id)
    gate = caseload_gate(request, referral.case.seeker)
    if gate is not None:
        return gate
    record_access(actor=acting_user(request), subject=referral.case.seeker, what="轉介紀錄")
    forms = {name: cls(prefix=name) for name, cls in ACTION_FORMS.items()}
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "seeker": referral.case.seeker,
            "forms": forms,
            # the forms come from the table the services check (jobdesk/referrals/transitions.py)
            "allowed_actions": REFERRAL.allowed_actions(referral.status, role_of(request.user)),
            "items": data_items.labels_of(list(referral.data_items)),
            "updates": referral.updates.select_related("recorded_by"),
        },
    )


@login_required
@require_POST
def referral_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    referral = _referral(request, public_id, "change")
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "confirm":
                services.confirm_need(referral, actor=acting_user(request), **data)
            elif action == "send":
                services.send_referral(referral, actor=acting_user(request), **data)
            elif action == "reply":
                services.record_reply(referral, actor=acting_user(request), **data)
            elif action == "follow_up":
                services.record_follow_up(referral, actor=acting_user(request), **data)
            elif action == "outcome":
                services.record_outcome(referral, actor=acting_user(request), **data)
            elif action == "withdraw":
                services.withdraw_referral_consent(
                    referral, actor=acting_user(request), reason=data["reason"]
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "已儲存。")
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect("referrals:referral_detail", public_id=referral.public_id)


@login_required
def referral_consent(request: HttpRequest, public_id: str) -> HttpResponse:
    """O3.3.2 轉介同意書: the text to explain and print, and signing (tablet or scan)."""
    referral = _referral(request, public_id)
    gate = caseload_gate(request, referral.case.seeker) if gate_applies(request) else None
    if gate is not None:
        return gate
    form = SignForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        referral = _referral(request, public_id, "change")
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["method"] == "drawn":
                    signature = check_drawn_signature(data["signature_data"])
                else:
                    signature = check_scan(data["scan"])
                services.sign_consent(
                    referral,
                    actor=acting_user(request),
                    method=data["method"],
                    signature=signature,
                    explained=data["explained"],
                )
            except ValidationError as error:
                attach_service_errors(form, error)
            else:
                messages.success(request, "轉介同意書已簽署。")
                return redirect("referrals:referral_detail", public_id=referral.public_id)
    record_access(
        actor=acting_user(request),
        subject=referral.case.seeker,
        action=AccessAction.VIEW,
        what="轉介同意書",
    )
    valid_until = services.consent_valid_until(referral)
    text = (
        referral.consent.wording_text
        if referral.consent
        else services.consent_text(referral, valid_until)
    )
    return render(
        request,
        "referrals/referral_consent.html",
        {"referral": referral, "form": form, "text": text, "seeker": referral.case.seeker},
    )


@login_required
def referral_assessment(request: HttpRequest, public_id: str) -> HttpResponse:
    """O3.3.1 轉介評估表, printable on A4."""
    referral = _referral(request, public_id)
    gate = caseload_gate(request, referral.case.seeker)
    if gate is not None:
        return gate
    record_access(
        actor=acting_user(request),
        subject=referral.case.seeker,
        action=AccessAction.PRINT,
        what="轉介評估表",
    )
    return render(
        request,
        "referrals/referral_assessment.html",
        {
            "referral": referral,
            "seeker": referral.case.seeker,
            "items": data_items.labels_of(list(referral.data_items)),
        },
    )


@login_required
def referral_packet(request: HttpRequest, public_id: str) -> HttpResponse:
    """The referral packet: only the data items the signed consent names (就業服務法 §9)."""
    referral = _referral(request, public_id)
    gate = caseload_gate(request, referral.case.seeker)
    if gate is not None:
        return gate
    consent = referral.consent
    if consent is None or not consent.is_valid():
        return render(request, "referrals/referral_packet.html", {"referral": referral}, status=409)
    seeker = referral.case.seeker
    record_access(
        actor=acting_user(request),
        subject=seeker,
        action=AccessAction.PRINT,
        what="轉介資料（" + "、".join(data_items.labels_of(list(consent.data_items))) + "）",
    )
    rows = data_items.packet(seeker, referral, list(consent.data_items))
    return render(
        request,
        "referrals/referral_packet.html",
        {"referral": referral, "consent": consent, "rows": rows},
    )
