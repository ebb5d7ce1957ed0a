"""The data items a consent can name, and how each is read for a referral packet (就業服務法 §9).

A referral packet shows only the items its consent lists; the catalogue is the one place that says
what each item is and where its value comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jobdesk.taxonomy.places import address_with_township


@dataclass(frozen=True)
class DataItem:
    code: str
    label: str
    sensitive: bool
    read: Callable[[Any, Any], str]  # (seeker, referral) -> text


def _sensitive(seeker: Any, field: str) -> str:
    sensitive = getattr(seeker, "sensitive", None) if _has_sensitive(seeker) else None
    return str(getattr(sensitive, field, "") or "") if sensitive is not None else ""


def _has_sensitive(seeker: Any) -> bool:
    try:
        return seeker.sensitive is not None
    except Exception:  # RelatedObjectDoesNotExist: no sensitive row recorded
        return False


def _target_groups(seeker: Any) -> str:
    return "、".join(g.name for g in seeker.target_groups.all())


DATA_ITEMS: tuple[DataItem, ...] = (
    DataItem("name", "姓名", False, lambda s, r: s.name),
    DataItem("national_id", "身分證字號／統一證號", False, lambda s, r: s.national_id_encrypted),
    DataItem("birth_date", "出生日期", False, lambda s, r: str(s.birth_date or "")),
    DataItem("phone", "聯絡電話", False, lambda s, r: s.phone),
    DataItem("email", "電子郵件", False, lambda s, r: s.email),
    DataItem("address", "地址", False, lambda s, r: address_with_township(s.address, s.township)),
    DataItem("education", "教育程度", False, lambda s, r: str(s.education or "")),
    DataItem("work_history", "工作經歷", False, lambda s, r: s.work_history),
    DataItem("skills", "專長技能與證照", False, lambda s, r: "；".join([s.skills, s.licences])),
    DataItem("target_groups", "特定對象身分", False, lambda s, r: _target_groups(s)),
    DataItem(
        "assessment",
        "轉介評估摘要（狀況與需求）",
        False,
        lambda s, r: f"{r.situation}\n{r.need}" if r is not None else "",
    ),
    DataItem(
        "economic", "經濟狀況", True, lambda s, r: _sensitive(s, "economic_situation_encrypted")
    ),
    DataItem(
        "disability", "身心障礙情形", True, lambda s, r: _sensitive(s, "disability_encrypted")
    ),
    DataItem("health", "健康狀況", True, lambda s, r: _sensitive(s, "health_encrypted")),
)
BY_CODE = {item.code: item for item in DATA_ITEMS}
CHOICES = [
    (item.code, item.label + ("（特種個資）" if item.sensitive else "")) for item in DATA_ITEMS
]


def labels_of(codes: list[str]) -> list[str]:
    return [BY_CODE[c].label for c in codes if c in BY_CODE]


def packet(seeker: Any, referral: Any, codes: list[str]) -> list[tuple[str, str]]:
    """(label, value) for exactly the items named, in catalogue order."""
    wanted = set(codes)
    return [(i.label, i.read(seeker, referral)) for i in DATA_ITEMS if i.code in wanted]
