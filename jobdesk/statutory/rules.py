"""``rule(key, on=date)``: the value of a statutory rule in force on a date, with its legal basis.

Amounts and limits are rows of ``StatutoryRule`` (loaded from ``data/rules.json`` by
``jobdesk load-statutory-rules``, corrected by administrators on the console): a new amount from a
date is a new row, never a code change. A missing rule is an error the staff see, not a default.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobdesk.statutory.models import StatutoryRule

FIXTURE = Path(__file__).resolve().parent / "data" / "rules.json"


class RuleMissing(LookupError):
    def __init__(self, key: str, on: datetime.date) -> None:
        super().__init__(
            f"找不到 {on} 適用的法定規則「{key}」，"
            "請系統管理者執行 jobdesk load-statutory-rules 或於法定規則中補登。"
        )
        self.key, self.on = key, on


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    effective_from: datetime.date
    effective_to: datetime.date | None
    legal_basis: str
    verified: bool

    @property
    def basis(self) -> str:
        return self.legal_basis if self.verified else f"{self.legal_basis}（待核對）"


def rule(key: str, on: datetime.date | None = None) -> Rule:
    """The row of ``key`` in force on ``on`` (default: today in Taipei)."""
    day = on or timezone.localdate()
    row = (
        StatutoryRule.objects.filter(key=key, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise RuleMissing(key, day)
    return Rule(
        key=row.key,
        value=row.value,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        legal_basis=row.legal_basis,
        verified=row.status == "verified",
    )


def value(key: str, on: datetime.date | None = None) -> Any:
    return rule(key, on).value


@transaction.atomic
def load_rules(path: Path = FIXTURE, *, replace: bool = False) -> tuple[int, int]:
    """Create the shipped rules that are missing; ``replace`` also overwrites existing rows
    (an administrator's correction is kept unless ``replace``). Returns (created, updated)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    created = updated = 0
    for row in rows:
        fields = {
            "value": row["value"],
            "effective_to": row["effective_to"],
            "legal_basis": row["legal_basis"],
            "status": row["status"],
            "note": row.get("note", ""),
        }
        obj, made = StatutoryRule.objects.get_or_create(
            key=row["key"], effective_from=row["effective_from"], defaults=fields
        )
        if made:
            created += 1
        elif replace:
            for name, val in fields.items():
                setattr(obj, name, val)
            obj.save(update_fields=[*fields, "updated_at"])
            updated += 1
    return created, updated
