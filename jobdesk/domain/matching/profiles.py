"""Typed, frozen inputs and outputs of the matching engine.

These dataclasses are the engine's ONLY inputs. They deliberately have no field for any of the
18 grounds protected by 就業服務法 §5 (age, sex, marital status, appearance, origin, disability…)
nor for proxies of them, so no code path of the engine can read them.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

SHIFTS: tuple[str, ...] = ("day", "evening", "night", "rotating", "part_time")
SHIFT_LABELS: dict[str, str] = {
    "day": "日班",
    "evening": "晚班",
    "night": "夜班",
    "rotating": "輪班",
    "part_time": "部分工時",
}
SEEKER_PAY_BASES: tuple[str, ...] = ("monthly", "hourly", "daily")
VACANCY_PAY_BASES: tuple[str, ...] = ("monthly", "hourly", "daily", "piece", "negotiable")
EDUCATION_LEVELS: tuple[str, ...] = (
    "不拘",
    "國小",
    "國中",
    "高中職",
    "專科",
    "大學",
    "碩士",
    "博士",
)


def _check_shifts(shifts: frozenset[str]) -> None:
    unknown = set(shifts) - set(SHIFTS)
    if unknown:
        raise ValueError(f"unknown shifts: {sorted(unknown)}")


def _check_occupation(code: str) -> None:
    if not (code.isdigit() and 1 <= len(code) <= 4):
        raise ValueError(f"occupation code must be 1-4 digits: {code!r}")


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    """What a job seeker (求職者) wants and offers, as far as matching may know it."""

    id: str
    desired_occupations: tuple[str, ...] = ()
    township: str | None = None
    max_commute_km: float | None = None
    pay_basis: str | None = None
    expected_pay_min: int | None = None
    shifts: frozenset[str] = frozenset()
    education: int | None = None
    experience_years: float | None = None
    experience_text: str = ""
    skills: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    available_from: date | None = None
    min_pay_hard: bool = False
    shifts_hard: bool = False
    # the seeker's own words for the wished jobs (「會計專員」 for 4311) and past job titles: read
    # against a vacancy's title (occupation evidence that does not depend on the coder)
    desired_names: tuple[str, ...] = ()
    job_titles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for code in self.desired_occupations:
            _check_occupation(code)
        _check_shifts(self.shifts)
        if self.pay_basis is not None and self.pay_basis not in SEEKER_PAY_BASES:
            raise ValueError(f"unknown pay basis: {self.pay_basis!r}")
        if self.education is not None and not 0 <= self.education <= 7:
            raise ValueError("education is an ordinal level 0..7")
        if self.max_commute_km is not None and not (
            math.isfinite(self.max_commute_km) and self.max_commute_km >= 0
        ):
            raise ValueError("max_commute_km must be a finite non-negative number")


@dataclass(frozen=True, slots=True)
class VacancyRecord:
    """An employer's vacancy (職缺/求才) as the matching engine sees it."""

    id: str
    source_id: str | None = None
    occupation: str | None = None
    township: str | None = None
    pay_basis: str | None = None
    pay_min: int | None = None
    pay_max: int | None = None
    shifts: frozenset[str] = frozenset()
    min_education: int | None = None
    min_experience_years: float | None = None
    title: str = ""
    description: str = ""
    skills: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    opens: date | None = None
    closes: date | None = None
    employer_blocked: bool = False
    compliance_blocked: bool = False
    is_open: bool = True
    # the occupation coder's ranked suggestions (code, score), best first, and whether
    # ``occupation`` was confirmed by an officer (then it is the only occupation evidence)
    occupation_suggestions: tuple[tuple[str, float], ...] = ()
    occupation_confirmed: bool = False

    def __post_init__(self) -> None:
        if self.occupation is not None:
            _check_occupation(self.occupation)
            if len(self.occupation) != 4:
                raise ValueError("a vacancy's occupation is a 4-digit 細類 code")
        for code, score in self.occupation_suggestions:
            _check_occupation(code)
            if not math.isfinite(score):
                raise ValueError("an occupation suggestion's score must be finite")
        _check_shifts(self.shifts)
        if self.pay_basis is not None and self.pay_basis not in VACANCY_PAY_BASES:
            raise ValueError(f"unknown pay basis: {self.pay_basis!r}")
        if self.min_education is not None and not 0 <= self.min_education <= 7:
            raise ValueError("min_education is an ordinal level 0..7")

    @property
    def servable(self) -> bool:
        """Whether the vacancy may be shown or recommended at all (§5, §10, open)."""
        return self.is_open and not self.employer_blocked and not self.compliance_blocked


class Contribution(NamedTuple):
    """One additive part of a score: factor key, zh-Hant label with its value, points.
    (A named tuple: immutable, and built 20 × 10 times a query without dataclass overhead.)"""

    factor: str
    label: str
    points: float


RELEVANCE_FACTORS: tuple[str, ...] = ("occupation", "title", "text")
RELEVANT_POINTS = 12.0  # relevance points from which a match counts as relevant


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked result; ``sum(c.points for c in contributions) == score`` exactly."""

    id: str
    score: float
    contributions: tuple[Contribution, ...]

    @property
    def relevance(self) -> float:
        """Points of what the job is (occupation, title, text), before logistics."""
        return sum(c.points for c in self.contributions if c.factor in RELEVANCE_FACTORS)

    @property
    def relevant(self) -> bool:
        """Whether the job is related enough to be listed by default (see docs/matching.md)."""
        return self.relevance >= RELEVANT_POINTS


@dataclass(frozen=True, slots=True)
class Township:
    zip3: str
    county: str
    district: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Reference data: occupation codes (all levels) with names, townships with centroids.

    ``extra_terms`` adds controlled-vocabulary terms (skills, licences) for the text layer.
    """

    occupations: dict[str, str]
    townships: dict[str, Township]
    extra_terms: tuple[str, ...] = ()

    @classmethod
    def from_csv(
        cls, occupation_csv: Path, township_csv: Path, extra_terms: tuple[str, ...] = ()
    ) -> Taxonomy:
        with occupation_csv.open(encoding="utf-8") as fh:
            occupations = {row["code"]: row["name"] for row in csv.DictReader(fh)}
        with township_csv.open(encoding="utf-8") as fh:
            townships = {
                row["zip3"]: Township(
                    row["zip3"],
                    row["county"],
                    row["district"],
                    float(row["lon"]),
                    float(row["lat"]),
                )
                for row in csv.DictReader(fh)
            }
        return cls(occupations, townships, extra_terms)


@dataclass(frozen=True, slots=True)
class VacancyFilters:
    """Filters for ``top_vacancies``; every set field must hold."""

    county: str | None = None
    townships: frozenset[str] = frozenset()
    occupation_prefix: str | None = None
    min_pay: int | None = None
    pay_basis: str = "monthly"
    shifts: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class SeekerFilters:
    """Filters for ``top_seekers``; every set field must hold."""

    county: str | None = None
    townships: frozenset[str] = frozenset()
    occupation_prefix: str | None = None
    shifts: frozenset[str] = field(default_factory=frozenset)
