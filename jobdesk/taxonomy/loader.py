"""Load the shipped code lists into the database: idempotent, reports what it changed.

Run by ``jobdesk load-taxonomies`` and by ``make demo``. A second run changes nothing and says so.
Rows no longer in the files are kept (other records point at them) and reported as ``stale``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.db import models, transaction

from jobdesk.taxonomy.models import EducationLevel, Industry, Occupation, TargetGroup, Township

# The source leaves 南海諸島 without a county; the product files them under their own name.
UNNAMED_COUNTY = "南海諸島"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def lines(self) -> Iterator[str]:
        for name in self.created:
            yield (
                f"{name}: 新增 {self.created[name]}，更新 {self.updated[name]}，"
                f"未變 {self.unchanged[name]}，來源已無 {self.stale[name]}"
            )


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("jobdesk.taxonomy").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def fill_single_child_levels(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Add the levels the industry source omits when a class has a single child.

    The classification codes such a child by appending 0: 中類 02 林業 has 小類 020 林業 and 細類
    0200 林業; a 小類 with no 細類 (013) has 細類 0130. Names are the parent's.
    """
    codes = {r["code"] for r in rows}
    has_child = {r["parent_code"] for r in rows if r["parent_code"]}
    added: list[dict[str, str]] = []
    for row in rows:
        level = int(row["level"])
        current = row
        while level in (2, 3) and current["code"] not in has_child:
            child_code = current["code"] + "0"
            if child_code in codes:
                break
            child = {
                "code": child_code,
                "name": current["name"],
                "level": str(level + 1),
                "parent_code": current["code"],
            }
            added.append(child)
            has_child.add(current["code"])
            codes.add(child_code)
            current, level = child, level + 1
    return rows + added


def _sync(
    model: type[models.Model],
    key: str,
    rows: Iterable[dict[str, Any]],
    report: LoadReport,
    label: str,
) -> None:
    existing = {getattr(o, key): o for o in model._default_manager.all()}
    created = updated = unchanged = 0
    seen: set[Any] = set()
    for row in rows:
        seen.add(row[key])
        obj = existing.get(row[key])
        if obj is None:
            model._default_manager.create(**row)
            created += 1
            continue
        diff = [name for name, value in row.items() if getattr(obj, name) != value]
        if diff:
            for name in diff:
                setattr(obj, name, row[name])
            obj.save(update_fields=diff)
            updated += 1
        else:
            unchanged += 1
    report.created[label] = created
    report.updated[label] = updated
    report.unchanged[label] = unchanged
    report.stale[label] = len(set(existing) - seen)


def _tree_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    # Parents before children, so the foreign key exists when a child is created.
    ordered = sorted(rows, key=lambda r: (int(r["level"]), r["code"]))
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "level": int(r["level"]),
            "parent_id": r["parent_code"] or None,
        }
        for r in ordered
    ]


@transaction.atomic
def load_taxonomies() -> LoadReport:
    report = LoadReport()
    _sync(Occupation, "code", _tree_rows(_read("tw_occupation_6th_2010.csv")), report, "職業分類")
    industries = fill_single_child_levels(_read("tw_industry_11th_2021.csv"))
    _sync(Industry, "code", _tree_rows(industries), report, "行業分類")
    townships = [
        {
            "zip3": r["zip3"],
            "county": r["county"] or UNNAMED_COUNTY,
            "district": r["district"],
            "full_name": r["full_name"],
            "longitude": float(r["lon"]),
            "latitude": float(r["lat"]),
        }
        for r in _read("tw_postal3_district_centroids.csv")
    ]
    _sync(Township, "full_name", townships, report, "鄉鎮市區")
    levels = [
        {"code": r["code"], "name": r["name"], "rank": int(r["rank"])}
        for r in _read("education_levels.csv")
    ]
    _sync(EducationLevel, "code", levels, report, "教育程度")
    groups = [
        {
            "code": r["code"],
            "name": r["name"],
            "legal_basis": r["legal_basis"],
            "sort_order": int(r["sort_order"]),
        }
        for r in _read("target_groups.csv")
    ]
    _sync(TargetGroup, "code", groups, report, "特定對象")
    return report
