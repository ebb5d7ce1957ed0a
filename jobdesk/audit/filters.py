"""The filters of the change log and the access log (one form, two lists): one definition for
the pages and their exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jobdesk.audit.forms import LogFilterForm, apply_log_filter
from jobdesk.audit.labels import event_label
from jobdesk.audit.models import AccessEvent, AuditEvent
from jobdesk.audit.selectors import logs_for_user
from jobdesk.common.exports import Column, ListExport, register
from jobdesk.common.filters import ListFilter
from jobdesk.common.roles import LOG_VIEW_ROLES


class _LogFilter(ListFilter[Any]):
    form_class = LogFilterForm
    kind_field = ""

    def apply(self, queryset: QuerySet[Any], data: Mapping[str, Any]) -> QuerySet[Any]:
        return apply_log_filter(queryset, data, self.kind_field)


class EventFilter(_LogFilter):
    kind_field = "event_type"


class AccessFilter(_LogFilter):
    kind_field = "action"


def _local(value: Any) -> str:
    return str(value.astimezone(timezone.get_current_timezone()).isoformat())


EVENT_EXPORT = register(
    ListExport(
        key="audit-events",
        title="異動紀錄",
        filter=EventFilter,
        rows=lambda user: logs_for_user(AuditEvent.objects.select_related("office"), user),
        columns=(
            Column("時間", lambda e: _local(e.created_at)),
            Column("操作者", lambda e: e.actor_label),
            Column("據點", lambda e: e.office.name if e.office else ""),
            Column("事件", lambda e: event_label(e.event_type)),
            Column("對象類型", lambda e: e.subject_type),
            Column("對象識別碼", lambda e: e.subject_id),
            Column("對象", lambda e: e.subject_label),
            Column("來源位址", lambda e: e.ip_address or ""),
        ),
        roles=LOG_VIEW_ROLES,
        order=("-created_at", "-id"),
    )
)

# Exporting the access log is itself recorded in the change log, under its own event type.
ACCESS_EXPORT = register(
    ListExport(
        key="access-log",
        title="個資存取紀錄",
        filter=AccessFilter,
        rows=lambda user: logs_for_user(AccessEvent.objects.select_related("office"), user),
        columns=(
            Column("時間", lambda e: _local(e.created_at)),
            Column("檢視者", lambda e: e.actor_label),
            Column("據點", lambda e: e.office.name if e.office else ""),
            Column("動作", lambda e: e.get_action_display()),
            Column("對象類型", lambda e: e.subject_type),
            Column("對象識別碼", lambda e: e.subject_id),
            Column("內容", lambda e: e.what),
            Column("理由", lambda e: e.reason),
            Column("非本人承辦", lambda e: "是" if e.outside_caseload else ""),
            Column("來源位址", lambda e: e.ip_address or ""),
        ),
        roles=LOG_VIEW_ROLES,
        order=("-created_at", "-id"),
        event_type="audit.access_log_exported",
    )
)
