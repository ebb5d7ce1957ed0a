"""A complete copy of one person's data (PDPA Art. 3 (2), Art. 10): JSON in a ZIP with the files."""

from __future__ import annotations

import io
import json
import zipfile
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from jobdesk.audit.models import AccessAction, AccessEvent
from jobdesk.audit.services import _jsonable, record_access
from jobdesk.common.encrypted_files import EncryptedFieldFile
from jobdesk.privacy.services.graph import related_rows

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

# Columns that are internal bookkeeping, not the person's data.
SKIP_FIELDS = {"national_id_hash", "version"}


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIP_FIELDS or field.name.endswith("_hash"):
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        label = str(field.verbose_name)
        data[label if label not in data else field.name] = _jsonable(value)
    return data


def subject_data(seeker: Any) -> dict[str, Any]:
    sections: dict[str, list[dict[str, Any]]] = {}
    for row in related_rows(seeker):
        sections.setdefault(str(row._meta.verbose_name), []).append(_row(row))
    accesses = AccessEvent.objects.filter(
        subject_type=seeker._meta.label_lower, subject_id=str(seeker.public_id)
    ).order_by("created_at")
    return {
        "匯出時間": timezone.now().isoformat(),
        "說明": "依個人資料保護法第 3 條、第 10 條製給之個人資料複製本。",
        "求職者": _row(seeker),
        "相關資料": sections,
        "存取紀錄": [
            {
                "時間": timezone.localtime(a.created_at).isoformat(),
                "人員": a.actor_label,
                "動作": a.get_action_display(),
                "內容": a.what,
            }
            for a in accesses
        ],
    }


def export_subject_data(seeker: Any, *, actor: User) -> bytes:
    """The ZIP a person receives (data.json plus signed consent files); the export is logged."""
    data = subject_data(seeker)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for row in related_rows(seeker):
            for field in row._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    file = getattr(row, field.attname)
                    if not file or not file.storage.exists(file.name):
                        continue
                    if isinstance(file, EncryptedFieldFile):
                        # The person gets the file as signed, named with its own type.
                        archive.writestr(f"files/{file.plain_name}", file.read_plain())
                        continue
                    with file.storage.open(file.name, "rb") as handle:
                        archive.writestr(f"files/{file.name.split('/')[-1]}", handle.read())
    record_access(
        actor=actor, subject=seeker, action=AccessAction.EXPORT, what="個人資料複製本（ZIP）"
    )
    return buffer.getvalue()
