"""Resolving place names as people and feeds write them (台北市 / 臺北市, 台北市大安區, 大安區)."""

from __future__ import annotations

import math
from typing import Any

from jobdesk.taxonomy.models import Township


def normalise_place(text: str) -> str:
    return text.strip().replace("台", "臺").replace(" ", "").replace("\u3000", "")


def resolve_township(text: str) -> Township | None:
    """The township named by ``text`` ("台北市大安區", "臺北市 大安區", "大安區" when unique)."""
    name = normalise_place(text)
    if not name:
        return None
    found = Township.objects.filter(full_name=name).first()
    if found is not None:
        return found
    matches = list(Township.objects.filter(district=name)[:2])
    if len(matches) == 1:
        return matches[0]
    return None


def distance_km(a: Township, b: Township) -> float:
    """Great-circle distance between two township centroids."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def address_with_township(address: str, township: Any) -> str:
    """One address line: the township's name once (an address may or may not repeat it)."""
    address = (address or "").strip()
    if township is None:
        return address
    full, county, district = township.full_name, township.county, township.district
    plain = normalise_place(address)
    if plain.startswith(normalise_place(full)) or plain.startswith(normalise_place(county)):
        return address
    if district and plain.startswith(normalise_place(district)):
        return f"{county}{address}"
    return f"{full}{address}"
