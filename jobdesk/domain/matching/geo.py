"""Township centroids and great-circle distances between them."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .profiles import Township

EARTH_RADIUS_KM = 6371.0088


def haversine_km(
    lat1: NDArray[np.float64],
    lon1: NDArray[np.float64],
    lat2: NDArray[np.float64],
    lon2: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Great-circle distance in km (haversine formula, mean Earth radius)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


class TownshipTable:
    """Townships numbered 0..n-1 with a precomputed n×n distance matrix (368² ≈ 1 MB)."""

    def __init__(self, townships: dict[str, Township]) -> None:
        self.zips: list[str] = sorted(townships)
        self.index: dict[str, int] = {z: i for i, z in enumerate(self.zips)}
        self.townships = townships
        counties = sorted({t.county for t in townships.values()})
        self.county_index: dict[str, int] = {c: i for i, c in enumerate(counties)}
        self.county_of = np.array(
            [self.county_index[townships[z].county] for z in self.zips], dtype=np.int16
        )
        lat = np.array([townships[z].lat for z in self.zips], dtype=np.float64)
        lon = np.array([townships[z].lon for z in self.zips], dtype=np.float64)
        self.distance: NDArray[np.float64] = haversine_km(
            lat[:, None], lon[:, None], lat[None, :], lon[None, :]
        )

    def __len__(self) -> int:
        return len(self.zips)

    def idx(self, zip3: str | None) -> int:
        """Index of a township, -1 when unknown or not given."""
        if zip3 is None:
            return -1
        return self.index.get(zip3, -1)

    def within(self, origin: int, km: float) -> NDArray[np.bool_]:
        """Mask over townships whose centroid is within ``km`` of ``origin``'s."""
        return np.asarray(self.distance[origin] <= km)

    def mask_for(self, county: str | None, zips: frozenset[str]) -> NDArray[np.bool_] | None:
        """Township mask for a county/township filter; None when the filter is not set."""
        if county is None and not zips:
            return None
        mask = np.ones(len(self.zips), dtype=np.bool_)
        if county is not None:
            mask &= self.county_of == self.county_index.get(county, -1)
        if zips:
            chosen = np.zeros(len(self.zips), dtype=np.bool_)
            chosen[[self.index[z] for z in zips if z in self.index]] = True
            mask &= chosen
        return mask
