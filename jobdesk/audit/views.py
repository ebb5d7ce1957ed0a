from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.filters import ACCESS_EXPORT, EVENT_EXPORT, AccessFilter, EventFilter
from jobdesk.audit.labels import change_rows
from jobdesk.audit.models import AccessAction, AccessEvent, AuditEvent, ExportJob, ExportStatus
from jobdesk.audit.selectors import logs_for_user
from jobdesk.audit.services import record_access
from jobdesk.common import exports as files
from jobdesk.common.crypto import decrypt_bytes
from jobdesk.common.filters import ListFilter
from jobdesk.common.roles import LOG_VIEW_ROLES, Role


def _require_log_role(user: Any) -> None:
    if user.role not in LOG_VIEW_ROLES:
        raise PermissionDenied


def _log_page(
    request: HttpRequest, queryset: QuerySet[Any], log_filter: type[ListFilter[Any]], title: str
) -> tuple[Any, QuerySet[Any], dict[str, Any]]:
    filtered = log_filter(request.user).run(request.GET, queryset)
    form, queryset = filtered.form, filtered.queryset
    page = Paginator(queryset.select_related("actor", "office"), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return form, queryset, {"form": form, "page": page, "title": title, "query": query.urlencode()}


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    _require_log_role(request.user)
    if wanted_format(request):
        return export_response(request, EVENT_EXPORT)
    base = logs_for_user(AuditEvent.objects.all(), request.user)
    _, _, context = _log_page(request, base, EventFilter, "異動紀錄")
    context["can_open"] = _can_open_events(request.user)
    return render(request, "audit/event_list.html", context)


def _can_open_events(user: Any) -> bool:
    return bool(user.role == Role.AUDITOR)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One change with its values before and after, side by side (auditors only)."""
    if not _can_open_events(request.user):
        raise PermissionDenied
    event = logs_for_user(AuditEvent.objects.select_related("office"), request.user).filter(pk=pk)
    found = event.first()
    if found is None:
        raise Http404
    rows = change_rows(found.subject_type, found.before, found.after)
    return render(request, "audit/event_detail.html", {"event": found, "rows": rows})


@login_required
def access_list(request: HttpRequest) -> HttpResponse:
    _require_log_role(request.user)
    if wanted_format(request):
        return export_response(request, ACCESS_EXPORT)
    base = logs_for_user(AccessEvent.objects.all(), request.user)
    _, _, context = _log_page(request, base, AccessFilter, "個資存取紀錄")
    context["actions"] = AccessAction.choices
    return render(request, "audit/access_list.html", context)


def _own_export(request: HttpRequest, public_id: str) -> ExportJob:
    """An export of the signed-in user; anybody else's (or none): 404."""
    found = ExportJob.objects.filter(public_id=public_id, requested_by_id=request.user.pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def export_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """The progress of a background export (polled by htmx), then its download link."""
    job = _own_export(request, public_id)
    return render(request, "audit/export_detail.html", {"job": job})


@login_required
def export_download(request: HttpRequest, public_id: str) -> HttpResponse:
    job = _own_export(request, public_id)
    expired = job.expires_at is not None and job.expires_at <= timezone.now()
    if job.status != ExportStatus.DONE or expired or not job.content:
        raise Http404
    if job.personal_data:  # the seekers in it were logged when it was made; this, when it left
        owner: Any = request.user  # _own_export: the signed-in requester of the job
        record_access(
            actor=owner,
            subject=job,
            office=job.office,
            action=AccessAction.EXPORT,
            what=f"下載匯出檔：{job.title}（{job.progress_done} 筆）",
        )
    reply = HttpResponse(
        decrypt_bytes(bytes(job.content)), content_type=files.CONTENT_TYPES[job.fmt]
    )
    reply["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    reply["Cache-Control"] = "no-store"
    return reply
