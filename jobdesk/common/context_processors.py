from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from jobdesk.common.navigation import AREAS


def visible_navigation(user: Any) -> list[dict[str, Any]]:
    """Areas with the entries this user may open and whose screens exist."""
    areas = []
    for area in AREAS:
        entries = []
        for entry in area.entries:
            if user.role not in entry.roles:
                continue
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            entries.append({"label": entry.label, "url": url})
        areas.append(
            {
                "slug": area.slug,
                "label": area.label,
                "entries": entries,
                "url": reverse("area", args=[area.slug]),
            }
        )
    return areas


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    if not user.is_authenticated:
        return {}
    return {"nav_areas": visible_navigation(user), "current_path": request.path}
