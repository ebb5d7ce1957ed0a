"""What a token may do: read or write, per area of the product (plain data, no Django models)."""

from __future__ import annotations

AREAS: dict[str, str] = {
    "cases": "求職者與個案",
    "employers": "雇主與職缺",
    "matching": "媒合與推介",
    "referrals": "轉介",
    "privacy": "當事人權利請求",
    "reports": "統計指標",
}
READ, WRITE = "read", "write"
#: Areas with nothing to write through the API (figures only): no ``:write`` scope.
READ_ONLY_AREAS = frozenset({"reports"})
ACCESS_LABELS = {READ: "讀取", WRITE: "寫入"}

#: Every scope a token may hold, as ``area:read`` / ``area:write`` (write includes read).
ALL_SCOPES: tuple[str, ...] = tuple(
    f"{area}:{mode}"
    for area in AREAS
    for mode in (READ, WRITE)
    if mode == READ or area not in READ_ONLY_AREAS
)
SCOPE_CHOICES: list[tuple[str, str]] = [
    (f"{area}:{mode}", f"{label}（{ACCESS_LABELS[mode]}）")
    for area, label in AREAS.items()
    for mode in (READ, WRITE)
    if mode == READ or area not in READ_ONLY_AREAS
]


def allows(scopes: list[str] | tuple[str, ...], area: str, mode: str) -> bool:
    """True when ``scopes`` grant ``mode`` on ``area``; a write scope also grants reading."""
    granted = set(scopes)
    if f"{area}:{WRITE}" in granted:
        return True
    return mode == READ and f"{area}:{READ}" in granted
