"""Lists out as CSV or Excel: the list's own rows (same scope, same filters), all of them up to
``EXPORT_MAX``, each job seeker in them logged as an export (PDPA Art. 27).

One mechanism for every list endpoint: ``?format=csv`` or ``?format=xlsx`` (or the ``Accept``
header). The browser's session can use it too, with the screen's filters in the query string.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_accesses, record_list_reads

EXPORT_MAX = 5000
EXPORT_FORMATS = ("csv", "xlsx")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    # A cell that a spreadsheet would run as a formula is written as text (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _rows(data: Any) -> tuple[list[str], list[list[Any]]]:
    items: list[Any] = data if isinstance(data, list) else [data]
    header: list[str] = []
    for item in items:
        for key in item if isinstance(item, dict) else []:
            if key not in header:
                header.append(key)
    body = [
        [_cell(item.get(k)) if isinstance(item, dict) else "" for k in header] for item in items
    ]
    return header, body


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        header, body = _rows(data)
        out = io.StringIO()
        out.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(body)
        return out.getvalue().encode("utf-8")


class XlsxRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        header, body = _rows(data)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("jobdesk")
        sheet.append(header)
        for row in body:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


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
