"""The occupation coder, built once per process from the Occupation table."""

from __future__ import annotations

import threading
from typing import Any

from jobdesk.domain.occupation_coder import OccupationCoder
from jobdesk.taxonomy.models import Occupation

_lock = threading.Lock()
_coder: OccupationCoder | None = None


def get_coder() -> OccupationCoder | None:
    """The shared coder; None while the occupation taxonomy is not loaded."""
    global _coder
    with _lock:
        if _coder is None:
            rows = [
                (code, name, parent or "")
                for code, name, parent in Occupation.objects.values_list(
                    "code", "name", "parent_id"
                )
            ]
            if not rows:
                return None
            _coder = OccupationCoder(rows)
        return _coder


def suggest_occupations(title: str, description: str, k: int = 3) -> list[dict[str, Any]]:
    """Up to ``k`` suggestions as JSON-ready dicts: code, name, score, evidence."""
    coder = get_coder()
    if coder is None:
        return []
    return [
        {
            "code": s.code,
            "name": s.name,
            "score": round(float(s.score), 3),
            "evidence": list(s.evidence),
        }
        for s in coder.suggest(title, description, k=k)
    ]
