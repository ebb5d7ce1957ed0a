"""Per-seeker privacy pages: the Art. 8 notice, the consent ledger, who looked at the record."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_VIEW_ROLES, LOG_VIEW_ROLES, Role
from jobdesk.audit.models import AccessAction, AccessEvent
from jobdesk.audit.services import record_access
from jobdesk.cases.models import JobSeeker
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.privacy import services
from jobdesk.privacy.access import caseload_gate
from jobdesk.privacy.data_items import labels_of
from jobdesk.privacy.forms import NoticeForm
from jobdesk.privacy.models import Consent
from jobdesk.privacy.signatures import SignatureUnreadable, read_signature
from jobdesk.privacy.wording import NOTICE_ITEMS, NOTICE_VERSION

logger = logging.getLogger(__name__)


def _require(user: Any, roles: frozenset[str]) -> None:
    if user.role not in roles:
        raise PermissionDenied


def seeker_for_logs(user: Any, public_id: str) -> JobSeeker:
    """Supervisors and auditors reach a seeker of their office subtree for the access log."""
    _require(user, LOG_VIEW_ROLES)
    return get_for_user_or_404(JobSeeker, user, public_id, "log")


@login_required
def notice(request: HttpRequest, public_id: str) -> HttpResponse:
    """The Art. 8 notice, printable; POST records that it was given."""
    _require(request.user, CASE_VIEW_ROLES)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id)
    form = NoticeForm(request.POST or None)
    if request.method == "POST":
        seeker = get_for_user_or_404(JobSeeker, request.user, public_id, "change")
        if form.is_valid():
            try:
                services.record_notice_given(
                    seeker, actor=acting_user(request), method=form.cleaned_data["method"]
                )
            except ValidationError as error:
                attach_service_errors(form, error)
            else:
                messages.success(request, "已記錄個資告知。")
                return redirect("privacy:notice", public_id=seeker.public_id)
    record_access(actor=acting_user(request), subject=seeker, what="個資告知紀錄")
    return render(
        request,
        "privacy/notice.html",
        {
            "seeker": seeker,
            "items": NOTICE_ITEMS,
            "version": NOTICE_VERSION,
            "form": form,
            "records": seeker.notices.select_related("given_by"),
        },
    )


@login_required
def consent_list(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, CASE_VIEW_ROLES)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id)
    gate = caseload_gate(request, seeker)
    if gate is not None:
        return gate
    record_access(actor=acting_user(request), subject=seeker, what="同意書紀錄")
    consents = [
        (c, labels_of(list(c.data_items)))
        for c in Consent.objects.filter(seeker=seeker).select_related("witnessed_by")
    ]
    return render(request, "privacy/consent_list.html", {"seeker": seeker, "consents": consents})


@login_required
def consent_signature(request: HttpRequest, public_id: str) -> HttpResponse:
    """The signed file (proof, Art. 7), decrypted, served only in scope and logged."""
    _require(request.user, CASE_VIEW_ROLES)
    consent = get_for_user_or_404(Consent, request.user, public_id)
    if not consent.signature:
        raise Http404
    record_access(
        actor=acting_user(request),
        subject=consent.seeker,
        action=AccessAction.VIEW,
        what="同意書簽名檔",
    )
    try:
        content = read_signature(consent)
    except SignatureUnreadable as error:
        # Never the stored bytes nor a traceback: the reason, and the consent's id in the log.
        logger.error("signature of consent %s unreadable: %s", consent.public_id, error.code)
        return render(
            request,
            "privacy/signature_unreadable.html",
            {"consent": consent, "message": error.message},
            status=500,
        )
    response = HttpResponse(content, content_type=consent.signature_content_type)
    response["Content-Disposition"] = "inline"
    # Opened on its own, the browser shows the image in a viewer page styled inline: allow that
    # style (no script runs in a sandboxed image), or every view logs a CSP error.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, CASE_VIEW_ROLES)
    consent = get_for_user_or_404(Consent, request.user, public_id, "change")
    try:
        services.withdraw_consent(
            consent, actor=acting_user(request), reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已登錄撤回同意；依此同意進行中的轉介已停止。")
    return redirect("privacy:consent_list", public_id=consent.seeker.public_id)


@login_required
def seeker_access(request: HttpRequest, public_id: str) -> HttpResponse:
    """Who looked at this person's record (supervisors of the office, auditors)."""
    seeker = seeker_for_logs(request.user, public_id)
    events = AccessEvent.objects.filter(
        subject_type=seeker._meta.label_lower, subject_id=str(seeker.public_id)
    ).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "privacy/seeker_access.html", {"seeker": seeker, "page": page, "query": ""}
    )


@login_required
def outside_caseload(request: HttpRequest) -> HttpResponse:
    """Reads outside one's caseload in the office subtree, with the reasons given."""
    user: Any = request.user
    _require(user, frozenset({Role.SUPERVISOR, Role.AUDITOR}))
    events = (
        AccessEvent.objects.filter(outside_caseload=True)
        .for_user(user, "log")
        .select_related("actor", "office")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "privacy/outside_caseload.html", {"page": page, "query": ""})
