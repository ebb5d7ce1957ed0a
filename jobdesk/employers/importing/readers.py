"""From a file's bytes to rows of strings, whatever the format (no database needed)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree as SafeET

TAIWANJOBS = "taiwanjobs"
TEMPLATE = "template"
ADS_CSV = "ads_csv"

TAIWANJOBS_FIELDS = (
    "OCCU_DESC",
    "WK_TYPE",
    "CJOB1_COUNT",
    "CJOB_NAME1",
    "CJOB2_COUNT",
    "CJOB_NAME2",
    "JOB_PERSON",
    "STOP_DATE",
    "JOB_DETAIL",
    "CITYNAME",
    "EXPERIENCE",
    "WKTIME",
    "SALARYCD",
    "NT_L",
    "NT_U",
    "EDGRDESC",
    "URL_QUERY",
    "COMPNAME",
    "TRANDATE",
)
ADS_FIELDS = ("hire_id", "title", "company", "location", "salary_min", "salary_max")

#: The product's template: (key, zh header). The header row may use either.
TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_id", "來源編號"),
    ("employer_name", "雇主名稱"),
    ("employer_ubn", "統一編號"),
    ("title", "職缺名稱"),
    ("description", "工作內容"),
    ("occupation", "職業代碼"),
    ("headcount", "需求人數"),
    ("place", "工作地點"),
    ("pay_basis", "薪資方式"),
    ("pay_min", "薪資下限"),
    ("pay_max", "薪資上限"),
    ("hours", "工作時間"),
    ("shifts", "班別"),
    ("education", "最低學歷"),
    ("experience_years", "工作經驗（年）"),
    ("licences", "證照"),
    ("languages", "語言"),
    ("skills", "技能"),
    ("opens_on", "開始日期"),
    ("closes_on", "截止日期"),
)
_TEMPLATE_KEYS = {zh: key for key, zh in TEMPLATE_COLUMNS} | {k: k for k, _ in TEMPLATE_COLUMNS}


#: Data rows one file may hold; larger files are refused before they are read in full.
MAX_ROWS = 5000
#: Bytes an .xlsx may unpack to (its XML parts together): a small zip can hold a huge sheet.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
#: NUL and the other C0 controls but tab, newline and carriage return: PostgreSQL refuses NUL in
#: text, and none of them belongs in an ad.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileFormatError(ValueError):
    """The file as a whole cannot be read; the message is zh-Hant."""


def _too_many_rows(limit: int) -> FileFormatError:
    return FileFormatError(f"檔案超過 {limit:,} 列資料，請分成較小的檔案分批匯入。")


@dataclass
class RawRow:
    line: int  # the line (CSV/Excel) or record number (XML/JSON) people see
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedFile:
    format: str
    rows: list[RawRow]


def clean_text(value: str) -> str:
    """``value`` without NUL and other control characters (tab and newlines are kept)."""
    return _CONTROLS.sub("", value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):  # a cell's calendar value: no time zone involved
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value)).strip()


def _layout(headers: list[str]) -> tuple[str, list[str]]:
    """Which format a header row belongs to, and the keys of its columns."""
    clean = [h.strip().lstrip("\ufeff") for h in headers]
    if {"OCCU_DESC", "COMPNAME"} <= {h.upper() for h in clean}:
        return TAIWANJOBS, [h.upper() for h in clean]
    if set(ADS_FIELDS) <= set(clean):
        return ADS_CSV, clean
    keys = [_TEMPLATE_KEYS.get(h, "") for h in clean]
    if {"title", "employer_name"} <= set(keys):
        return TEMPLATE, keys
    raise FileFormatError(
        "無法辨識檔案格式：第一列須為台灣就業通欄位（OCCU_DESC、COMPNAME…）、"
        "本系統匯入範本的欄位名稱，或職缺樣本 CSV 的欄位（hire_id、title、company…）。"
    )


def _rows_from_table(
    table: Iterable[Iterable[Any]], first_line: int = 1, max_rows: int = MAX_ROWS
) -> ParsedFile:
    """Rows of a table read lazily: reading stops, with an error, past ``max_rows`` rows."""
    lines = iter(table)
    header = next(lines, None)
    if header is None:
        raise FileFormatError("檔案是空的。")
    fmt, keys = _layout([_text(h) for h in header])
    rows: list[RawRow] = []
    for offset, values in enumerate(lines, start=first_line + 1):
        texts = [_text(v) for v in values]
        if not any(texts):
            continue
        if len(rows) >= max_rows:
            raise _too_many_rows(max_rows)
        data = {k: (texts[i] if i < len(texts) else "") for i, k in enumerate(keys) if k}
        rows.append(RawRow(offset, data))
    return ParsedFile(fmt, rows)


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileFormatError("檔案編碼無法辨識，請存成 UTF-8。")


def read_csv(text: str, max_rows: int = MAX_ROWS) -> ParsedFile:
    return _rows_from_table(csv.reader(io.StringIO(text, newline="")), max_rows=max_rows)


def read_xml(text: str, max_rows: int = MAX_ROWS) -> ParsedFile:
    try:
        root = SafeET.fromstring(text.encode("utf-8"))
    except SafeET.ParseError as exc:
        raise FileFormatError(f"XML 格式錯誤：{exc}") from exc
    except Exception as exc:  # defusedxml refuses entities and DTDs
        raise FileFormatError(f"XML 含有不允許的內容（{type(exc).__name__}）。") from exc
    records = root.findall(".//Data") if root.tag != "Data" else [root]
    if not records:
        raise FileFormatError("XML 中找不到 DataList > Data 資料列。")
    if len(records) > max_rows:
        raise _too_many_rows(max_rows)
    rows = [
        RawRow(i, {child.tag.upper(): _text(child.text) for child in record})
        for i, record in enumerate(records, start=1)
    ]
    return ParsedFile(TAIWANJOBS, rows)


def read_json(text: str, max_rows: int = MAX_ROWS) -> ParsedFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(f"JSON 格式錯誤：第 {exc.lineno} 行 {exc.msg}") from exc
    if isinstance(data, dict):
        data = data.get("DataList", data)
        if isinstance(data, dict):
            data = data.get("Data", [])
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise FileFormatError("JSON 須為資料列的陣列（或 DataList.Data）。")
    if len(data) > max_rows:
        raise _too_many_rows(max_rows)
    rows = [
        RawRow(i, {clean_text(str(k)).upper(): _text(v) for k, v in record.items()})
        for i, record in enumerate(data, start=1)
    ]
    return ParsedFile(TAIWANJOBS, rows)


def _check_unpacked_size(content: bytes, limit: int) -> None:
    """Refuse a zip whose parts unpack to more than ``limit`` bytes, before any is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FileFormatError("無法開啟 Excel 檔案（請使用 .xlsx 格式）。") from exc
    if unpacked > limit:
        raise FileFormatError(
            f"Excel 檔案解壓縮後超過 {limit // (1024 * 1024)} MB，請分成較小的檔案分批匯入。"
        )


def _sheet_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    yield from sheet.iter_rows(values_only=True)


def read_xlsx(content: bytes, max_rows: int = MAX_ROWS) -> ParsedFile:
    from openpyxl import load_workbook

    _check_unpacked_size(content, MAX_UNPACKED_BYTES)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        raise FileFormatError("無法開啟 Excel 檔案（請使用 .xlsx 格式）。") from exc
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_row  # from the sheet's <dimension>, when the file states it
        if isinstance(declared, int) and declared > max_rows + 1:
            raise _too_many_rows(max_rows)
        return _rows_from_table(_sheet_rows(sheet), max_rows=max_rows)
    finally:
        workbook.close()


def read_file(filename: str, content: bytes, max_rows: int = MAX_ROWS) -> ParsedFile:
    """Detect the format from the content (and the name for Excel) and read the rows."""
    if content[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(content, max_rows)
    text = clean_text(_decode(content)).lstrip()
    if not text:
        raise FileFormatError("檔案是空的。")
    if text.startswith("<"):
        return read_xml(text, max_rows)
    if text.startswith(("[", "{")):
        return read_json(text, max_rows)
    return read_csv(text, max_rows)
