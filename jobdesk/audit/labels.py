"""zh-Hant names of the change log's event types and subject types, for the auditors' pages.

Subject types are named by their models' ``verbose_name`` (every model has a zh-Hant one).

Every event type written by ``record_event`` is registered with its name in
``jobdesk/audit/events.py`` (the writer refuses others; a test also scans the code for the literal
ones); the families made at run time (``matching.reply_<status>``, ``admin.<verb>.<model>``) are
named by their parts. An unknown type shows as 「其他事件（code）」, never as a bare code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from jobdesk.audit.events import ADMIN_VERBS, EVENTS, REPLY_LABELS

# The names live with the registry (jobdesk/audit/events.py); kept here under their old names.
EVENT_LABELS = EVENTS


def event_label(event_type: str) -> str:
    if event_type in EVENT_LABELS:
        return EVENT_LABELS[event_type]
    if event_type.startswith("matching.reply_"):
        status = event_type.removeprefix("matching.reply_")
        if status in REPLY_LABELS:
            return f"雇主回覆推介：{REPLY_LABELS[status]}"
    parts = event_type.split(".")
    if len(parts) == 3 and parts[0] == "admin" and parts[1] in ADMIN_VERBS:
        return f"系統管理：{ADMIN_VERBS[parts[1]]}{model_label(parts[2])}"
    return f"其他事件（{event_type}）"


def model_label(model_name: str) -> str:
    """The zh-Hant name (``verbose_name``) of a model named without its app."""
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return str(model._meta.verbose_name)
    return model_name


def subject_label(subject_type: str) -> str:
    """「求職者」 for ``cases.jobseeker``: the model's own zh-Hant ``verbose_name``."""
    try:
        return str(apps.get_model(subject_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return subject_type


def event_choices() -> list[tuple[str, str]]:
    return sorted(EVENT_LABELS.items(), key=lambda item: item[0])


# Keys of before/after snapshots that are not model fields.
SNAPSHOT_KEYS = {
    "acknowledged": "已確認之提醒",
    "recorded_days_early": "提早記錄天數",
    "reason": "原因",
    "comment": "意見",
    "filters": "篩選條件",
    "status": "狀態",
    "findings": "檢核結果",
    "counsellor": "個案管理員",
}


@dataclass(frozen=True)
class ChangeRow:
    key: str
    label: str
    before: str
    after: str
    changed: bool


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_shown(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_shown(v)}" for k, v in value.items()) or "—"
    return str(value)


def _field_label(subject_type: str, key: str) -> str:
    try:
        field = apps.get_model(subject_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return SNAPSHOT_KEYS.get(key, key)
    return str(getattr(field, "verbose_name", key))


def change_rows(subject_type: str, before: Any, after: Any) -> list[ChangeRow]:
    """The before/after snapshots side by side, one row per key, changed ones marked."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = list(before) + [k for k in after if k not in before]
    rows = []
    for key in keys:
        old, new = _shown(before.get(key)), _shown(after.get(key))
        changed = key in before and key in after and before[key] != after[key]
        rows.append(ChangeRow(key, _field_label(subject_type, key), old, new, changed))
    return rows
