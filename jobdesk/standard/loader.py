"""Load BHR3333-004v2 from ``data/bhr3333-004v2.json`` into ``StandardItem`` rows (idempotent)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.db import transaction

from jobdesk.standard.models import ItemKind, StandardItem

STANDARD_FILE = "bhr3333-004v2.json"


def read_standard() -> dict[str, Any]:
    text = resources.files("jobdesk.standard").joinpath("data", STANDARD_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def standard_rows() -> list[dict[str, Any]]:
    """Every item of the standard, parents first, as field dictionaries."""
    data = read_standard()
    rows: list[dict[str, Any]] = []

    def add(code: str, kind: str, title: str, parent: str | None, level: int | None = None) -> None:
        rows.append(
            {
                "code": code,
                "kind": kind,
                "title": title,
                "parent_id": parent,
                "competency_level": level,
                "sort_order": len(rows),
            }
        )

    for duty in data["duties"]:
        add(duty["code"], ItemKind.DUTY, duty["title"], None)
        for task in duty["tasks"]:
            add(task["code"], ItemKind.TASK, task["title"], duty["code"], task["level"])
            for code, title in task["outputs"]:
                add(code, ItemKind.OUTPUT, title, task["code"])
            for code, title in task["indicators"]:
                add(code, ItemKind.INDICATOR, title, task["code"])
    kinds = {"K": ItemKind.KNOWLEDGE, "S": ItemKind.SKILL, "A": ItemKind.ATTITUDE}
    for letter, items in data["competencies"].items():
        for code, title in items:
            add(code, kinds[letter], title, None)
    return rows


@transaction.atomic
def load_standard() -> tuple[int, int]:
    """Create or update every item; return (created, updated)."""
    created = updated = 0
    for row in standard_rows():
        code = row.pop("code")
        obj, was_created = StandardItem.objects.get_or_create(code=code, defaults=row)
        if was_created:
            created += 1
            continue
        diff = [k for k, v in row.items() if getattr(obj, k) != v]
        if diff:
            for k in diff:
                setattr(obj, k, row[k])
            obj.save(update_fields=diff)
            updated += 1
    return created, updated


def task_choices() -> list[tuple[str, str]]:
    """(code, label) of the standard's tasks, for activity forms."""
    return [
        (r["code"], f"{r['code']} {r['title']}") for r in standard_rows() if r["kind"] == "task"
    ]


def indicator_codes_of(task_code: str) -> list[str]:
    return [
        r["code"]
        for r in standard_rows()
        if r["kind"] == ItemKind.INDICATOR and r["parent_id"] == task_code
    ]
