"""T1.1 outreach: events, quick lead capture, lead → job seeker and case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.cases import services
from jobdesk.cases.forms import LeadForm, OutreachEventForm, SeekerForm, WalkInLeadForm
from jobdesk.cases.models import Lead, LeadStatus, OutreachEvent
from jobdesk.cases.selectors import events_for, leads_for, source_statistics
from jobdesk.cases.transitions import LEAD
from jobdesk.cases.views.base import error_text, require_casework
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404


@login_required
def outreach_list(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    return render(
        request,
        "cases/outreach_list.html",
        {
            "events": events_for(request.user)[:100],
            "stats": source_statistics(request.user),
            "open_leads": leads_for(request.user).filter(status=LeadStatus.NEW)[:100],
        },
    )


@login_required
def outreach_create(request: HttpRequest) -> HttpResponse:
    require_casework(request.user, change=True)
    user: Any = request.user
    form = OutreachEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_outreach_event(
                actor=user, office=user.office, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已建立宣導活動。")
            return redirect("cases:outreach_detail", public_id=event.public_id)
    return render(request, "cases/form.html", {"form": form, "title": "新增宣導活動／就業博覽會"})


@login_required
def outreach_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """The event and its leads; the quick capture form posts here (tablet-friendly)."""
    require_casework(request.user)
    event = get_for_user_or_404(OutreachEvent, request.user, public_id)
    form = LeadForm(request.POST or None)
    if request.method == "POST":
        require_casework(request.user, change=True)
        if form.is_valid():
            try:
                lead = services.capture_lead(
                    actor=acting_user(request), event=event, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as exc:
                if isinstance(exc, PermissionDenied):
                    raise
                attach_service_errors(form, exc)
            else:
                messages.success(request, f"已登錄：{lead.name}")
                return redirect("cases:outreach_detail", public_id=event.public_id)
    leads = list(Lead.objects.filter(event=event).select_related("seeker"))
    # the buttons come from the table the services check (jobdesk/cases/transitions.py)
    convertible = {lead.pk for lead in leads if LEAD.allows(lead.status, "convert")}
    return render(
        request,
        "cases/outreach_detail.html",
        {"event": event, "form": form, "leads": leads, "convertible": convertible},
    )


@login_required
def lead_create(request: HttpRequest) -> HttpResponse:
    """A lead that did not come from an event (臨櫃、電話、網路…)."""
    require_casework(request.user, change=True)
    user: Any = request.user
    form = WalkInLeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.capture_lead(actor=user, office=user.office, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已登錄潛在求職者。")
            return redirect("cases:outreach_list")
    return render(request, "cases/form.html", {"form": form, "title": "登錄潛在求職者"})


@login_required
def lead_convert(request: HttpRequest, public_id: str) -> HttpResponse:
    """求職登記 from a lead: name and phone are carried over, and a case opens."""
    require_casework(request.user, change=True)
    lead = get_for_user_or_404(Lead, request.user, public_id, "change")
    if not LEAD.allows(lead.status, "convert"):
        messages.error(request, "此潛在求職者已處理過。")
        return redirect("cases:outreach_list")
    form = SeekerForm(request.POST or None, initial={"name": lead.name, "phone": lead.phone})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.convert_lead(
                lead,
                actor=acting_user(request),
                national_id=form.cleaned_data["national_id"],
                data=form.data_for_service(),
                sensitive=form.sensitive_for_service(),
                notice_method=form.cleaned_data["notice_method"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已完成求職登記並開案。")
            return redirect("cases:case_detail", public_id=case.public_id)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": f"求職登記：{lead.name}",
            "intro": "由潛在求職者轉為求職者並開案。",
        },
    )


@login_required
@require_POST
def lead_decline(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    lead = get_for_user_or_404(Lead, request.user, public_id, "change")
    try:
        services.decline_lead(lead, actor=acting_user(request))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已標記為無意願。")
    return redirect("cases:outreach_list")
