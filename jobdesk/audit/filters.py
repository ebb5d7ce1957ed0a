"""The filters of the change log and the access log (one form, two lists): one definition for
the pages and their exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from jobdesk.audit.forms import LogFilterForm, apply_log_filter
from jobdesk.common.filters import ListFilter


class _LogFilter(ListFilter[Any]):
    form_class = LogFilterForm
    kind_field = ""

    def apply(self, queryset: QuerySet[Any], data: Mapping[str, Any]) -> QuerySet[Any]:
        return apply_log_filter(queryset, data, self.kind_field)


class EventFilter(_LogFilter):
    kind_field = "event_type"


class AccessFilter(_LogFilter):
    kind_field = "action"
