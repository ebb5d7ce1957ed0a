"""Matching engine: plain Python over NumPy/SciPy, no Django (see docs/matching.md)."""

from .batch import BatchResult, batch_top_k
from .features import FACTORS
from .index import MatchIndex
from .profiles import (
    Contribution,
    Match,
    SeekerFilters,
    SeekerProfile,
    Taxonomy,
    Township,
    VacancyFilters,
    VacancyRecord,
)

__all__ = [
    "FACTORS",
    "BatchResult",
    "Contribution",
    "Match",
    "MatchIndex",
    "SeekerFilters",
    "SeekerProfile",
    "Taxonomy",
    "Township",
    "VacancyFilters",
    "VacancyRecord",
    "batch_top_k",
]
