"""Key rotation for encrypted columns: re-encrypt every ``EncryptedTextField`` with the first key.

Generic over the project: every installed model is inspected (``apps.get_models()``) and every
field of type ``EncryptedTextField`` is rewritten in primary-key batches, each batch in its own
transaction with its rows locked. Values are never logged or printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction

from jobdesk.common.crypto import EncryptedTextField


@dataclass
class RotationCount:
    model: str
    field: str
    rows: int


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def rotate_model(model: type[models.Model], fields: list[str], batch_size: int = 500) -> int:
    """Re-encrypt ``fields`` of every row of ``model``; returns the number of rows rewritten."""
    manager = model._base_manager
    rows = 0
    last_pk = None
    while True:
        with transaction.atomic():
            batch = manager.order_by("pk")
            if last_pk is not None:
                batch = batch.filter(pk__gt=last_pk)
            # Reading decrypts with any configured key; writing encrypts with the first one.
            values = list(batch.select_for_update().values_list("pk", *fields)[:batch_size])
            for pk, *plain in values:
                changes = {name: value for name, value in zip(fields, plain, strict=True) if value}
                if changes:
                    manager.filter(pk=pk).update(**changes)
                    rows += 1
        if len(values) < batch_size:
            return rows
        last_pk = values[-1][0]


def rotate_all(batch_size: int = 500) -> list[RotationCount]:
    counts = []
    for model, fields in encrypted_fields():
        rows = rotate_model(model, fields, batch_size)
        counts.append(RotationCount(model._meta.label, ", ".join(fields), rows))
    return counts
