"""Lists as files, CSV and Excel: ONE mechanism for the screens' 「匯出」 buttons, their background
exports (jobdesk.audit.exports) and the API's ``?format=csv|xlsx`` (jobdesk.api.exports).

* CSV is UTF-8 with a BOM (so that Excel opens it in Traditional Chinese): a header row, the rows.
* Excel has the table on a sheet 「資料」 and, when given, what the file is on a sheet 「說明」: the
  list, who exported it, when, from which office, the filters used and the number of rows.
* Every text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
  ``-`` or ``@``) is written with a leading apostrophe, as text (CSV/formula injection).

A list that can be exported declares a ``ListExport`` beside its filter (``<app>/filters.py``):
its title, its filter, its scoped rows, its columns (zh-Hant headers) and the job seeker each row
shows (for the access log). ``register`` puts it in the registry the background task reads.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from jobdesk.common.filters import ListFilter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX}
FORMATS = tuple(CONTENT_TYPES)
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel"}
FORMULA_STARTS = ("=", "+", "-", "@")


def cell(value: Any, *, keep_bool: bool = False) -> Any:
    """A value as a spreadsheet cell: text that could run as a formula is made plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value if keep_bool else ("是" if value else "否")
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value.tzinfo else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return cell("、".join(str(cell(v)) for v in value))
    if isinstance(value, dict):
        return cell(json.dumps(value, ensure_ascii=False))
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, keep_bool: bool = False
) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow([cell(v, keep_bool=keep_bool) for v in row])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    about: Sequence[tuple[str, str]] = (),
    keep_bool: bool = False,
) -> bytes:
    """The table on 「資料」 (bold header row), and ``about`` (label, value) on 「說明」."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("資料")
    bold = Font(bold=True)
    head = []
    for h in headers:
        c = WriteOnlyCell(sheet, value=cell(h))
        c.font = bold
        head.append(c)
    sheet.append(head)
    for row in rows:
        sheet.append([cell(v, keep_bool=keep_bool) for v in row])
    if about:
        info = book.create_sheet("說明")
        for label, value in about:
            name = WriteOnlyCell(info, value=cell(label))
            name.font = bold
            info.append([name, cell(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_bytes(
    fmt: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    about: Sequence[tuple[str, str]] = (),
) -> bytes:
    if fmt == "xlsx":
        return xlsx_bytes(headers, rows, about=about)
    if fmt == "csv":
        return csv_bytes(headers, rows)
    raise ValueError(f"unknown export format {fmt!r}")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ListExport:
    """A list that can be exported: the same scope (``rows``) and filter as its page."""

    key: str
    title: str
    filter: type[ListFilter[Any]]
    rows: Callable[[Any], QuerySet[Any]]  # user -> the scoped rows (for_user), joins included
    columns: tuple[Column, ...]
    roles: frozenset[str]
    seeker: Callable[[Any], Any] | None = None  # row -> the job seeker it shows (access log)
    order: tuple[Any, ...] = ("-created_at", "-pk")
    event_type: str = "export.list_exported"

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def values(self, row: Any) -> list[Any]:
        return [c.value(row) for c in self.columns]


REGISTRY: dict[str, ListExport] = {}


def register(spec: ListExport) -> ListExport:
    REGISTRY[spec.key] = spec
    return spec


def get(key: str) -> ListExport:
    """The registered export ``key`` (each app's ``filters`` module registers its lists)."""
    if key not in REGISTRY:
        autodiscover_modules("filters")
    return REGISTRY[key]


def local_stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")
