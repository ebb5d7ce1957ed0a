"""Batch checking for `jobdesk check-ads FILE`: JSON lines or CSV in, JSON lines out."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TextIO

from .checker import check_ad
from .model import PayInfo

PAY_BASES = frozenset({"monthly", "hourly", "daily", "piece", "negotiable"})


class RecordError(ValueError):
    """A record that cannot be checked; the message is zh-Hant, for the officer."""


def _amount(value: object, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"欄位 {name} 必須是整數")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        cleaned = value.replace(",", "").strip()
        if cleaned.isdigit():
            return int(cleaned)
    raise RecordError(f"欄位 {name} 必須是整數")


def pay_from_record(record: Mapping[str, object]) -> PayInfo | None:
    """PayInfo from optional pay_basis / pay_min / pay_max keys; None when none is given."""
    keys = ("pay_basis", "pay_min", "pay_max")
    if all(record.get(key) in (None, "") for key in keys):
        return None
    basis = record.get("pay_basis")
    if basis in (None, ""):
        basis = None
    elif not isinstance(basis, str) or basis not in PAY_BASES:
        raise RecordError("欄位 pay_basis 必須是 monthly、hourly、daily、piece 或 negotiable")
    return PayInfo(
        basis, _amount(record.get("pay_min"), "pay_min"), _amount(record.get("pay_max"), "pay_max")
    )


def check_record(record: Mapping[str, object]) -> dict[str, object]:
    """The output line for one input record (raises RecordError when it cannot be checked)."""
    title = record.get("title")
    description = record.get("description")
    if title is None and description is None:
        raise RecordError("缺少 title 與 description 欄位")
    if not isinstance(title, str | None) or not isinstance(description, str | None):
        raise RecordError("title 與 description 必須是文字")
    findings = check_ad(title or "", description or "", pay_from_record(record))
    return {
        "id": record.get("id"),
        "findings": [
            {key: finding.as_dict()[key] for key in ("ground", "words", "basis", "severity")}
            for finding in findings
        ],
    }


def _json_records(lines: Iterable[str]) -> Iterator[tuple[object, Mapping[str, object] | str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"第{number}行不是有效的 JSON：{error.msg}"
            continue
        if not isinstance(record, dict):
            yield number, f"第{number}行必須是 JSON 物件"
            continue
        yield record.get("id", number), record


def _csv_records(lines: Iterable[str]) -> Iterator[tuple[object, Mapping[str, object] | str]]:
    reader = csv.DictReader(lines)
    for row in reader:
        number = reader.line_num
        record: dict[str, object] = {key: value for key, value in row.items() if key is not None}
        if None in row or any(value is None for value in row.values()):
            yield record.get("id") or number, f"第{number}行的欄位數與標題列不符"
            continue
        if not record.get("id") and record.get("hire_id"):
            record["id"] = record["hire_id"]
        yield record.get("id") or number, record


def check_jsonl_stream(infile: TextIO, outfile: TextIO) -> int:
    """Check every ad in `infile` (JSON lines, or CSV with a header) and write one JSON line
    per ad to `outfile`: ``{"id", "findings": [...]}`` or ``{"id", "error"}``. Returns the
    number of lines written."""
    head: list[str] = []
    first_char = ""
    for line in infile:
        head.append(line)
        if line.strip():
            first_char = line.strip()[0]
            break
    lines = itertools.chain(head, infile)
    records = _json_records(lines) if first_char == "{" else _csv_records(lines)
    count = 0
    for record_id, record in records:
        if isinstance(record, str):
            out: dict[str, object] = {"id": record_id, "error": record}
        else:
            try:
                out = check_record(record)
                out["id"] = record_id
            except RecordError as error:
                out = {"id": record_id, "error": str(error)}
        outfile.write(json.dumps(out, ensure_ascii=False) + "\n")
        count += 1
    return count
