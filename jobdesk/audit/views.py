from __future__ import annotations

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.forms import LogFilterForm
from jobdesk.audit.labels import change_rows, event_label
from jobdesk.audit.models import AccessAction, AccessEvent, AuditEvent
from jobdesk.audit.selectors import logs_for_user
from jobdesk.audit.services import record_event
from jobdesk.common.roles import LOG_VIEW_ROLES, Role


def _require_log_role(user: Any) -> None:
    if user.role not in LOG_VIEW_ROLES:
        raise PermissionDenied


def _csv(filename: str, header: list[str], rows: Any) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + v if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return response


def _log_page(
    request: HttpRequest, queryset: QuerySet[Any], kind_field: str, title: str
) -> tuple[LogFilterForm, QuerySet[Any], dict[str, Any]]:
    form = LogFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        queryset = form.apply(queryset, kind_field)
    elif form.is_bound:
        queryset = queryset.none()
    page = Paginator(queryset.select_related("actor", "office"), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return form, queryset, {"form": form, "page": page, "title": title, "query": query.urlencode()}


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    _require_log_role(request.user)
    base = logs_for_user(AuditEvent.objects.all(), request.user)
    form, queryset, context = _log_page(request, base, "event_type", "異動紀錄")
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        rows = (
            (
                e.created_at.astimezone(timezone.get_current_timezone()).isoformat(),
                e.actor_label,
                e.office.name if e.office else "",
                event_label(e.event_type),
                e.subject_type,
                e.subject_id,
                e.subject_label,
                e.ip_address or "",
            )
            for e in queryset.select_related("office").iterator()
        )
        return _csv(
            "audit-events.csv",
            ["時間", "操作者", "據點", "事件", "對象類型", "對象識別碼", "對象", "來源位址"],
            rows,
        )
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
    base = logs_for_user(AccessEvent.objects.all(), request.user)
    form, queryset, context = _log_page(request, base, "action", "個資存取紀錄")
    if request.GET.get("format") == "csv" and (not form.is_bound or form.is_valid()):
        rows = (
            (
                e.created_at.astimezone(timezone.get_current_timezone()).isoformat(),
                e.actor_label,
                e.office.name if e.office else "",
                e.get_action_display(),
                e.subject_type,
                e.subject_id,
                e.what,
                e.reason,
                "是" if e.outside_caseload else "",
                e.ip_address or "",
            )
            for e in queryset.select_related("office").iterator()
        )
        # Exporting the access log is itself recorded in the change log, with the filters used.
        user: Any = request.user
        record_event(
            Event.AUDIT_ACCESS_LOG_EXPORTED,
            actor=user,
            subject=user.office,
            office=user.office,
            after={"filters": {k: v for k, v in request.GET.items() if k != "format"}},
            label="匯出個資存取紀錄",
        )
        return _csv(
            "access-log.csv",
            [
                "時間",
                "檢視者",
                "據點",
                "動作",
                "對象類型",
                "對象識別碼",
                "內容",
                "理由",
                "非本人承辦",
                "來源位址",
            ],
            rows,
        )
    context["actions"] = AccessAction.choices
    return render(request, "audit/access_list.html", context)
