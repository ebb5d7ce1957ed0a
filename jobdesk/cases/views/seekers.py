"""Job seekers: registration (求職登記), search, record, change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.services import record_accesses, record_list_reads
from jobdesk.cases import services
from jobdesk.cases.filters import SEEKER_EXPORT, SeekerFilter
from jobdesk.cases.forms import SeekerForm
from jobdesk.cases.models import JobSeeker
from jobdesk.cases.selectors import open_case_of
from jobdesk.cases.views.base import (
    error_text,
    gate_seeker_read,
    require_casework,
)
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.pagination import CountedPaginator
from jobdesk.common.scoping import get_for_user_or_404

SEEKER_PAGE_SIZE = 50
# What the list shows: never the encrypted national ID (only its masked form).
SEEKER_LIST_COLUMNS = (
    "public_id",
    "name",
    "national_id_masked",
    "created_at",
    "office",
    "office__name",
    "township",
    "township__full_name",
)


@login_required
def seeker_list(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    if wanted_format(request):
        return export_response(request, SEEKER_EXPORT)
    filtered = SeekerFilter(request.user).run(request.GET, JobSeeker.objects.for_user(request.user))
    form, qs = filtered.form, filtered.queryset
    q = SeekerFilter.is_search(form.cleaned_data) if filtered.ok and form.is_bound else False
    shown = (
        qs.select_related("township", "office").only(*SEEKER_LIST_COLUMNS).order_by("-created_at")
    )
    page = CountedPaginator(shown, SEEKER_PAGE_SIZE, count_from=qs).get_page(
        request.GET.get("page")
    )
    if q:  # a search reads personal data: each seeker shown is logged
        record_accesses(
            actor=acting_user(request),
            subjects=((seeker, None) for seeker in page),
            action="search",
            what="求職者查詢結果",
        )
    else:
        record_list_reads(acting_user(request), page, "求職者清單")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/seeker_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def seeker_create(request: HttpRequest) -> HttpResponse:
    require_casework(request.user, change=True)
    user: Any = request.user
    form = SeekerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            seeker = services.register_seeker(
                actor=user,
                office=user.office,
                national_id=form.cleaned_data["national_id"],
                data=form.data_for_service(),
                sensitive=form.sensitive_for_service(),
                notice_method=form.cleaned_data["notice_method"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已完成求職登記，並記錄個資蒐集告知。")
            return redirect("cases:seeker_detail", public_id=seeker.public_id)
    return render(
        request,
        "cases/form.html",
        {"form": form, "title": "求職登記", "intro": "不詢問性別、婚姻等就業服務法第5條所列事項。"},
    )


@login_required
def seeker_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id)
    if (gate := gate_seeker_read(request, seeker, what="求職登記資料")) is not None:
        return gate
    sensitive = getattr(seeker, "sensitive", None) if hasattr(seeker, "sensitive") else None
    return render(
        request,
        "cases/seeker_detail.html",
        {
            "seeker": seeker,
            "sensitive": sensitive,
            "cases": seeker.cases.select_related("counsellor").all(),
            "open_case": open_case_of(seeker),
        },
    )


@login_required
def seeker_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id, "change")
    if request.method == "POST":
        form = SeekerForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.update_seeker(
                    seeker,
                    actor=acting_user(request),
                    expected_version=form.cleaned_data["version"],
                    data=form.data_for_service(),
                    sensitive=form.sensitive_for_service(),
                )
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, "已更新求職登記資料。")
                return redirect("cases:seeker_detail", public_id=seeker.public_id)
    else:
        if (gate := gate_seeker_read(request, seeker, what="求職登記資料（編輯）")) is not None:
            return gate
        form = SeekerForm(initial=SeekerForm.initial_from(seeker), editing=True)
    return render(
        request, "cases/form.html", {"form": form, "title": f"修改求職登記：{seeker.name}"}
    )


@login_required
@require_POST
def case_open(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id, "change")
    try:
        case = services.open_case(seeker, actor=acting_user(request))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
        return redirect("cases:seeker_detail", public_id=seeker.public_id)
    messages.success(request, "已開案。")
    return redirect("cases:case_detail", public_id=case.public_id)
