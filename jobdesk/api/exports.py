"""Lists out as CSV or Excel: the list's own rows (same scope, same filters), all of them up to
``EXPORT_MAX``, each job seeker in them logged as an export (PDPA Art. 27).

One mechanism for every list endpoint: ``?format=csv`` or ``?format=xlsx`` (or the ``Accept``
header); the files are written by ``jobdesk.common.exports``, as the screens' exports are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.audit.exports import record_export
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_accesses, record_list_reads
from jobdesk.common import exports as files

EXPORT_MAX = 5000
EXPORT_FORMATS = ("csv", "xlsx")


def _rows(data: Any) -> tuple[list[str], list[list[Any]]]:
    """Serialized rows as a table: the field names as the header (a machine reads them)."""
    items: list[Any] = data if isinstance(data, list) else [data]
    header: list[str] = []
    for item in items:
        for key in item if isinstance(item, dict) else []:
            if key not in header:
                header.append(key)
    body = [[item.get(k) if isinstance(item, dict) else "" for k in header] for item in items]
    return header, body


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        header, body = _rows(data)
        return files.csv_bytes(header, body, keep_bool=True)


class XlsxRenderer(BaseRenderer):
    media_type = files.XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        header, body = _rows(data)
        return files.xlsx_bytes(header, body, keep_bool=True)


LIST_RENDERERS = [JSONRenderer, CsvRenderer, XlsxRenderer]


def listing(
    view: Any,
    queryset: Any,
    out: Callable[..., Any],
    *,
    what: str,
    seekers: Callable[[list[Any]], Iterable[Any]] | None = None,
    name: str = "jobdesk",
    page_action: str = AccessAction.VIEW,
) -> Response:
    """A page of ``queryset`` as JSON, or every row (to ``EXPORT_MAX``) as CSV/Excel.

    ``seekers(rows)``: the job seekers the rows show, for the access log (a page logs views,
    an export logs exports).
    """
    request = view.request
    fmt = getattr(request.accepted_renderer, "format", "json")
    if fmt in EXPORT_FORMATS:
        rows = list(queryset.order_by("-created_at", "-pk")[:EXPORT_MAX])
        if seekers is not None:
            record_accesses(
                actor=acting_user(request),
                subjects=((s, None) for s in seekers(rows)),
                action=AccessAction.EXPORT,
                what=f"{what}（匯出 {fmt.upper()}）",
            )
        skip = {"format", "cursor", "page_size"}
        record_export(
            key=name,
            title=what,
            user=acting_user(request),
            fmt=fmt,
            params={k: v for k, v in request.query_params.items() if k not in skip},
            rows=len(rows),
            via="api",
        )
        response = Response(out(rows, many=True).data)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
        return response
    rows = list(view.paginate_queryset(queryset) or [])
    if seekers is not None and page_action == AccessAction.VIEW:
        record_list_reads(acting_user(request), seekers(rows), what)
    elif seekers is not None:
        record_accesses(
            actor=acting_user(request),
            subjects=((s, None) for s in seekers(rows)),
            action=page_action,
            what=what,
        )
    page: Response = view.get_paginated_response(out(rows, many=True).data)
    return page
