"""Reports as files: Excel (openpyxl) and CSV, each with the title, period, office and definitions.

A report is a ``Sheet``: a title, the period and office it covers, the table, and the definitions
of its figures. Excel puts the definitions on their own sheet ("定義"); CSV (UTF-8 with a BOM so
that Excel opens it in Traditional Chinese) puts them under the table.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from jobdesk.common.exports import cell as shared_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFINITION_HEADERS = ["代碼", "名稱", "定義", "來源", "官方公式已確認", "說明"]


@dataclass
class Sheet:
    title: str
    period: str
    office: str
    headers: list[str]
    rows: list[list[Any]]
    definitions: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def meta(self) -> list[tuple[str, str]]:
        generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        return [
            ("報表", self.title),
            ("期間", self.period),
            ("據點", self.office),
            ("產製時間", generated),
        ]


def cell_value(value: Any) -> Any:
    """A cell: numbers and dates as themselves (Excel sorts and sums them), text through the
    shared exports' ``cell``, which makes text that could run as a formula (= + - @) plain."""
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, (int, float, datetime.date)) and not isinstance(value, bool):
        return value
    return shared_cell(str(value))


def to_xlsx(sheet: Sheet) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "報表"
    for label, value in sheet.meta():
        ws.append([label, cell_value(value)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    for note in sheet.notes:
        ws.append(["附註", cell_value(note)])
    ws.append([])
    header_row = ws.max_row + 1
    ws.append(sheet.headers)
    for column in range(1, len(sheet.headers) + 1):
        ws.cell(header_row, column).font = Font(bold=True)
    for row in sheet.rows:
        ws.append([cell_value(v) for v in row])
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    _widths(ws, sheet.headers, sheet.rows)
    definitions = book.create_sheet("定義")
    definitions.append(DEFINITION_HEADERS)
    for column in range(1, len(DEFINITION_HEADERS) + 1):
        definitions.cell(1, column).font = Font(bold=True)
    for row in sheet.definitions:
        definitions.append([cell_value(v) for v in row])
    for line in definitions.iter_rows(min_row=2):
        for c in line:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate([22, 24, 50, 40, 14, 50], start=1):
        definitions.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(ws: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    for index, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [len(str(r[index - 1])) for r in rows[:200]])
        ws.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest * 2))


def to_csv(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for label, value in sheet.meta():
        writer.writerow([label, cell_value(value)])
    for note in sheet.notes:
        writer.writerow(["附註", cell_value(note)])
    writer.writerow([])
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([cell_value(v) for v in row])
    if sheet.definitions:
        writer.writerow([])
        writer.writerow(DEFINITION_HEADERS)
        for row in sheet.definitions:
            writer.writerow([cell_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def response(sheet: Sheet, fmt: str, filename: str) -> HttpResponse:
    """The file as a download; ``fmt`` is "xlsx" or "csv"."""
    if fmt == "xlsx":
        body, content_type = to_xlsx(sheet), XLSX
    else:
        body, content_type = to_csv(sheet), "text/csv; charset=utf-8"
    reply = HttpResponse(body, content_type=content_type)
    reply["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return reply


def definition_rows(indicators: Sequence[Any]) -> list[list[Any]]:
    return [
        [i.key, i.name, i.definition, i.source, "是" if i.confirmed else "否（待確認）", i.caveat]
        for i in indicators
    ]
