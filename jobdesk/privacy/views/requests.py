"""Data-subject requests: receive, extend, correct, export, complete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_VIEW_ROLES, Role
from jobdesk.audit.services import record_access
from jobdesk.cases.models import JobSeeker
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.privacy import services
from jobdesk.privacy.forms import CompleteForm, CorrectionForm, ExtendForm, RequestForm
from jobdesk.privacy.models import DataSubjectRequest, RequestKind, RequestStatus
from jobdesk.privacy.transitions import DSR

REQUEST_LIST_ROLES = CASE_VIEW_ROLES | {Role.AUDITOR}


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in REQUEST_LIST_ROLES or user.office is None:
        raise PermissionDenied
    qs = DataSubjectRequest.objects.for_user(user, "oversee")
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.select_related("office"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/request_list.html",
        {
            "page": page,
            "query": "",
            "today": timezone.localdate(),
            "can_open": user.role != Role.AUDITOR,
        },
    )


@login_required
def request_create(request: HttpRequest, public_id: str) -> HttpResponse:
    if getattr(request.user, "role", "") not in CASE_VIEW_ROLES:
        raise PermissionDenied
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id, "change")
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.open_request(seeker, actor=acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, f"已受理，法定期限 {created.due_on:%Y-%m-%d}。")
            return redirect("privacy:request_detail", public_id=created.public_id)
    record_access(actor=acting_user(request), subject=seeker, what="當事人權利請求（受理）")
    return render(request, "privacy/request_form.html", {"form": form, "seeker": seeker})


def _request(request: HttpRequest, public_id: str, action: str = "view") -> DataSubjectRequest:
    if getattr(request.user, "role", "") not in CASE_VIEW_ROLES:
        raise PermissionDenied
    return get_for_user_or_404(DataSubjectRequest, request.user, public_id, action)


@login_required
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    dsr = _request(request, public_id)
    seeker = dsr.seeker
    if seeker is not None:
        record_access(actor=acting_user(request), subject=seeker, what="當事人權利請求")
    correction = None
    if seeker is not None and dsr.kind == RequestKind.CORRECT:
        correction = CorrectionForm(
            prefix="correct",
            initial={
                "version": seeker.version,
                "name": seeker.name,
                "phone": seeker.phone,
                "email": seeker.email,
                "address": seeker.address,
            },
        )
        # The correction form shows the person's contact details: a read (PDPA Art. 27).
        record_access(
            actor=acting_user(request), subject=seeker, what="資料更正請求（現有聯絡資料）"
        )
    return render(
        request,
        "privacy/request_detail.html",
        {
            "dsr": dsr,
            "extend_form": ExtendForm(prefix="extend"),
            "complete_form": CompleteForm(prefix="complete"),
            "correction": correction,
            # the forms come from the table the services check (jobdesk/privacy/transitions.py)
            "allowed_actions": DSR.allowed_actions(dsr.status),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def request_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    dsr = _request(request, public_id, "change")
    try:
        if action == "extend":
            form: Any = ExtendForm(request.POST, prefix="extend")
            if form.is_valid():
                services.extend_request(dsr, actor=acting_user(request), **form.cleaned_data)
        elif action == "complete":
            form = CompleteForm(request.POST, prefix="complete")
            if form.is_valid():
                services.complete_request(dsr, actor=acting_user(request), **form.cleaned_data)
        elif action == "correct":
            form = CorrectionForm(request.POST, prefix="correct")
            if form.is_valid():
                data = dict(form.cleaned_data)
                version = data.pop("version")
                services.apply_correction(
                    dsr,
                    actor=acting_user(request),
                    expected_version=version,
                    changes={k: v for k, v in data.items() if v},
                )
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if form.is_valid():
            messages.success(request, "已儲存。")
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
    return redirect("privacy:request_detail", public_id=dsr.public_id)


@login_required
def request_export(request: HttpRequest, public_id: str) -> HttpResponse:
    """The complete copy of the person's data (inspect/copy requests), as a ZIP; logged."""
    dsr = _request(request, public_id, "change")
    if dsr.seeker is None:
        raise Http404
    if not DSR.allows(dsr.status, "export"):
        messages.error(request, "此請求已結案。")
        return redirect("privacy:request_detail", public_id=dsr.public_id)
    content = services.export_subject_data(dsr.seeker, actor=acting_user(request))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{dsr.public_id}.zip"'
    return response
