"""Database rows → the engine's inputs (``SeekerProfile``, ``VacancyRecord``, ``Taxonomy``).

**就業服務法 §5.** The seeker adapter reads an explicit allow-list of columns
(``SEEKER_FIELDS``) with ``.values()``, so the 18 protected grounds and their proxies (birth date,
sex, marital status, photos, 戶籍, national id, name, target groups, sensitive circumstances) are
never even fetched from the database. ``tests/matching/test_counterfactual.py`` changes every
one of them and checks that every score is identical to the bit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField as DjBool
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from jobdesk.domain.matching import SeekerProfile, Taxonomy, Township, VacancyRecord
from jobdesk.domain.matching.profiles import SHIFTS

# The ONLY JobSeeker columns matching may read. Adding one is a §5 review (docs/recommendations.md).
SEEKER_FIELDS: tuple[str, ...] = (
    "public_id",
    "township_id",
    "education__code",
    "experience_years",
    "work_history",
    "skills",
    "licences",
    "max_commute_km",
    "pay_basis",
    "expected_pay_min",
    "shifts",
    "available_from",
)
VACANCY_FIELDS: tuple[str, ...] = (
    "public_id",
    "source_id",
    "occupation_id",
    "occupation_confirmed",
    "occupation_suggestions",
    "township_id",
    "pay_basis",
    "pay_min",
    "pay_max",
    "shifts",
    "education__code",
    "experience_years",
    "title",
    "description",
    "skills",
    "licences",
    "opens_on",
    "closes_on",
    "status",
)

# EducationLevel.code → the engine's ordinal (不拘 國小 國中 高中職 專科 大學 碩士 博士).
EDUCATION_ORDINAL: dict[str, int] = {
    "none": 0,
    "elementary": 1,
    "junior_high": 2,
    "senior_high": 3,
    "vocational_high": 3,
    "junior_college": 4,
    "university": 5,
    "master": 6,
    "doctorate": 7,
}
SEEKER_PAY_BASES = frozenset({"monthly", "hourly", "daily"})
VACANCY_PAY_BASES = frozenset({"monthly", "hourly", "daily", "piece", "negotiable"})


def split_terms(text: str) -> tuple[str, ...]:
    import re

    seen: dict[str, None] = {}
    for part in re.split(r"[、,，;；/\n]+", text or ""):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return tuple(seen)


def _shifts(values: Any) -> frozenset[str]:
    if not isinstance(values, list | tuple):
        return frozenset()
    return frozenset(str(v) for v in values if v in SHIFTS)


def _years(value: Decimal | float | int | None) -> float | None:
    return None if value is None else float(value)


def township_key(township_id: int | None) -> str | None:
    """The engine's key of a township: its primary key (several share a 3-digit postal code)."""
    return None if township_id is None else str(township_id)


# -- seekers ------------------------------------------------------------------------------------
def seeker_profile_from_values(row: Mapping[str, Any], occupations: Iterable[str]) -> SeekerProfile:
    """Build a profile from an allow-listed ``values()`` row and the desired occupation codes."""
    basis = row["pay_basis"] if row["pay_basis"] in SEEKER_PAY_BASES else None
    commute = row["max_commute_km"]
    return SeekerProfile(
        id=str(row["public_id"]),
        desired_occupations=tuple(sorted({c for c in occupations if c.isdigit() and len(c) <= 4})),
        township=township_key(row["township_id"]),
        max_commute_km=float(commute) if commute else None,
        pay_basis=basis,
        expected_pay_min=row["expected_pay_min"] if basis else None,
        shifts=_shifts(row["shifts"]),
        education=EDUCATION_ORDINAL.get(row["education__code"] or ""),
        experience_years=_years(row["experience_years"]),
        experience_text=row["work_history"] or "",
        skills=split_terms(row["skills"]),
        licences=split_terms(row["licences"]),
        available_from=row["available_from"],
    )


def seeker_profiles(queryset: QuerySet[Any]) -> Iterator[tuple[SeekerProfile, int, str]]:
    """(profile, pk, office path) for each seeker of ``queryset``; reads only SEEKER_FIELDS."""
    from jobdesk.cases.models import JobSeeker

    rows = list(queryset.values("pk", "office__path", *SEEKER_FIELDS))
    wanted: dict[int, list[str]] = defaultdict(list)
    through = JobSeeker.desired_occupations.through
    for seeker_id, code in through.objects.filter(
        jobseeker_id__in=[r["pk"] for r in rows]
    ).values_list("jobseeker_id", "occupation_id"):
        wanted[seeker_id].append(code)
    for row in rows:
        yield seeker_profile_from_values(row, wanted[row["pk"]]), row["pk"], row["office__path"]


def seeker_profile(seeker: Any) -> SeekerProfile:
    """The profile of one ``JobSeeker`` (re-read through the allow-list, never its attributes)."""
    from jobdesk.cases.models import JobSeeker

    found = list(seeker_profiles(JobSeeker.objects.filter(pk=seeker.pk)))
    if not found:
        raise ValueError("job seeker not found")
    return found[0][0]


# -- vacancies ----------------------------------------------------------------------------------
def vacancy_queryset(on: datetime.date | None = None) -> QuerySet[Any]:
    """Every vacancy, annotated with the §10 dispute flag and the unresolved §5 finding flag."""
    from jobdesk.employers.models import Employer, FindingStatus, Vacancy, VacancyFinding

    day = on or timezone.localdate()
    violation = VacancyFinding.objects.filter(
        vacancy=OuterRef("pk"), status=FindingStatus.OPEN, severity=VacancyFinding.VIOLATION
    )
    return Vacancy.objects.annotate(
        m_dispute=Case(
            When(Employer.active_dispute_q(day, prefix="employer__"), then=Value(True)),
            default=Value(False),
            output_field=DjBool(),
        ),
        m_violation=Exists(violation),
    )


def _suggestions(value: Any) -> tuple[tuple[str, float], ...]:
    """The coder's stored suggestions ([{"code", "score", …}], best first) as (code, score)."""
    out: list[tuple[str, float]] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        code, score = str(item.get("code") or ""), item.get("score")
        if len(code) == 4 and code.isdigit() and isinstance(score, int | float) and score > 0:
            out.append((code, float(score)))
    return tuple(out)


def vacancy_record_from_values(row: Mapping[str, Any], on: datetime.date) -> VacancyRecord:
    occupation = row["occupation_id"]
    basis = row["pay_basis"] if row["pay_basis"] in VACANCY_PAY_BASES else None
    education = EDUCATION_ORDINAL.get(row["education__code"] or "")
    closes = row["closes_on"]
    return VacancyRecord(
        id=str(row["public_id"]),
        source_id=row["source_id"] or None,
        occupation=occupation if occupation and len(occupation) == 4 else None,
        occupation_confirmed=bool(row.get("occupation_confirmed")),
        occupation_suggestions=_suggestions(row.get("occupation_suggestions")),
        township=township_key(row["township_id"]),
        pay_basis=basis,
        pay_min=row["pay_min"],
        pay_max=row["pay_max"],
        shifts=_shifts(row["shifts"]),
        min_education=education or None,  # 不拘 is no requirement
        min_experience_years=float(row["experience_years"] or 0) or None,
        title=row["title"] or "",
        description=row["description"] or "",
        skills=split_terms(row["skills"]),
        licences=split_terms(row["licences"]),
        opens=row["opens_on"],
        closes=closes,
        employer_blocked=bool(row["m_dispute"]),
        compliance_blocked=bool(row["m_violation"]),
        is_open=row["status"] == "open" and (closes is None or closes >= on),
    )


def vacancy_records(
    queryset: QuerySet[Any], on: datetime.date | None = None
) -> Iterator[tuple[VacancyRecord, int, str]]:
    """(record, pk, office path) for each vacancy of ``queryset`` (from ``vacancy_queryset``)."""
    day = on or timezone.localdate()
    for row in queryset.values("pk", "office__path", "m_dispute", "m_violation", *VACANCY_FIELDS):
        yield vacancy_record_from_values(row, day), row["pk"], row["office__path"]


def vacancy_record(vacancy: Any, on: datetime.date | None = None) -> VacancyRecord:
    found = list(vacancy_records(vacancy_queryset(on).filter(pk=vacancy.pk), on))
    if not found:
        raise ValueError("vacancy not found")
    return found[0][0]


def servable_filter(on: datetime.date | None = None) -> Q:
    """Rows of ``vacancy_queryset`` that may be served (open, no dispute, no open §5 finding)."""
    day = on or timezone.localdate()
    return (
        Q(status="open")
        & (Q(closes_on__isnull=True) | Q(closes_on__gte=day))
        & Q(m_dispute=False)
        & Q(m_violation=False)
    )


# -- reference data -----------------------------------------------------------------------------
def taxonomy_from_db() -> Taxonomy:
    from jobdesk.taxonomy.models import Occupation
    from jobdesk.taxonomy.models import Township as TownshipRow

    occupations = dict(Occupation.objects.values_list("code", "name"))
    townships = {
        str(t.pk): Township(t.zip3, t.county, t.district, t.longitude, t.latitude)
        for t in TownshipRow.objects.all()
    }
    return Taxonomy(occupations, townships)
