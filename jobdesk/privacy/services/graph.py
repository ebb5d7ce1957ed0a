"""Finding every row that belongs to one job seeker, generically (no list of models to forget).

Starting at the seeker, follow every reverse one-to-many and one-to-one relation (cases, their
records, consents, referrals and their history, leads, …) to collect the rows that hold the
person's data. Many-to-many links and forward relations (offices, taxonomies, staff) are not
followed: they are shared reference rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models


def related_rows(root: models.Model, limit: int = 100_000) -> Iterator[models.Model]:
    """Every row reachable from ``root`` through reverse FK / one-to-one relations (not root)."""
    seen: set[tuple[str, Any]] = {(root._meta.label, root.pk)}
    queue: list[models.Model] = [root]
    while queue:
        obj = queue.pop()
        for rel in obj._meta.related_objects:
            if rel.many_to_many or not (rel.one_to_many or rel.one_to_one):
                continue
            related_model: Any = rel.related_model
            if related_model._meta.proxy:
                continue
            field_name = rel.field.name
            rows = related_model._base_manager.filter(**{field_name: obj.pk})
            for row in rows.iterator():
                key = (row._meta.label, row.pk)
                if key in seen:
                    continue
                seen.add(key)
                if len(seen) > limit:
                    raise RuntimeError("too many related rows")
                queue.append(row)
                yield row
