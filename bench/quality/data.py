"""Inputs of the quality evaluation: real ads → ``VacancyRecord``, JSONL → ``SeekerProfile``.

The ads are read from ``$JOBDESK_SHARED/data/ads`` (default: the ``shared`` folder beside the
repository root) and never copied into the repository. Occupation codes of the ads come from
the occupation coder, as the importer stores them for ads that carry none: its top-3 ranked
suggestions with their scores (``occupation_suggestions``) and the top one as the provisional,
unconfirmed code.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jobdesk.domain.matching import SeekerProfile, Taxonomy, VacancyRecord
from jobdesk.domain.occupation_coder import OccupationCoder

REPO = Path(__file__).resolve().parents[2]
TAXONOMY_DIR = REPO / "jobdesk" / "taxonomy" / "data"
OCCUPATION_CSV = TAXONOMY_DIR / "tw_occupation_6th_2010.csv"
TOWNSHIP_CSV = TAXONOMY_DIR / "tw_postal3_district_centroids.csv"
QUERIES = REPO / "tests" / "domain" / "data" / "matching_queries.jsonl"
JUDGEMENTS = REPO / "tests" / "domain" / "data" / "matching_judgements.tsv"
ADS_NAME = Path("data") / "ads" / "taiwanjobs_ads_sample_1040.csv"
EDUCATION = {"不拘": 0, "國小": 1, "國中": 2, "高中": 3, "高職": 3, "高中職": 3, "專科": 4}
EDUCATION.update({"大學": 5, "碩士": 6, "博士": 7})
SHIFT_WORDS: tuple[tuple[str, str], ...] = (
    ("兼職", "part_time"),
    ("計時", "part_time"),
    ("工讀", "part_time"),
    ("時薪", "part_time"),
    ("大夜", "night"),
    ("夜班", "night"),
    ("小夜", "evening"),
    ("晚班", "evening"),
    ("中班", "evening"),
    ("輪班", "rotating"),
    ("日班", "day"),
    ("早班", "day"),
)


def shared_dir() -> Path:
    return Path(os.environ.get("JOBDESK_SHARED", str(REPO.parent / "shared")))


def ads_path(shared: Path | None = None) -> Path:
    return (shared or shared_dir()) / ADS_NAME


def load_taxonomy() -> Taxonomy:
    """The taxonomy the product ships (no extra controlled terms, as the Django adapter)."""
    return Taxonomy.from_csv(OCCUPATION_CSV, TOWNSHIP_CSV)


def read_ads(shared: Path | None = None) -> list[dict[str, str]]:
    with ads_path(shared).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def place_key(text: str) -> str:
    return text.strip().replace("台", "臺").replace(" ", "").replace("\u3000", "")


def township_index(taxonomy: Taxonomy) -> dict[str, str]:
    """``臺北市大安區`` → zip3."""
    return {t.county + t.district: z for z, t in taxonomy.townships.items()}


def place(text: str, taxonomy: Taxonomy) -> tuple[str, str | None]:
    """(county, zip3 or None) of a location as the ads write it ("台北市不限" = county only)."""
    name = place_key(text)
    county = name[:3]
    return county, township_index(taxonomy).get(name)


def parse_pay(row: dict[str, str]) -> tuple[str | None, int | None, int | None]:
    """(basis, min, max): 面議 → negotiable; amounts under 1,000 labelled 元/月 are hourly."""
    text = row["salary_text"]
    low = int(float(row["salary_min"] or 0)) or None
    high = int(float(row["salary_max"] or 0)) or None
    if not low and not high:
        return ("negotiable", None, None) if "面議" in text else (None, None, None)
    top = max(low or 0, high or 0)
    basis = "monthly"
    if top < 1000:
        basis = "hourly"
    elif top <= 4000:
        basis = "daily"
    return basis, low, high


def parse_shifts(text: str) -> frozenset[str]:
    return frozenset(key for word, key in SHIFT_WORDS if word in text)


def parse_experience(text: str) -> float | None:
    match = re.search(r"(\d+)\s*年以上", text)
    if match:
        return float(match.group(1))
    return 0.0 if text.strip() else None


@dataclass(frozen=True)
class Ad:
    """One real ad with what the baselines need besides its ``VacancyRecord``."""

    record: VacancyRecord
    county: str
    published: date


def build_ads(
    rows: list[dict[str, str]], taxonomy: Taxonomy, coder: OccupationCoder | None = None
) -> list[Ad]:
    coder = coder or OccupationCoder.from_csv(OCCUPATION_CSV)
    ads: list[Ad] = []
    for row in rows:
        title, desc = row["title"].strip(), row["description"].strip()
        got = coder.suggest(title, desc, k=3)
        county, zip3 = place(row["location"], taxonomy)
        basis, low, high = parse_pay(row)
        published = date.fromisoformat(row["published_date"])
        record = VacancyRecord(
            id=row["hire_id"],
            source_id=row["hire_id"],
            occupation=got[0].code if got else None,
            occupation_suggestions=tuple((s.code, float(s.score)) for s in got),
            township=zip3,
            pay_basis=basis,
            pay_min=low,
            pay_max=high,
            shifts=parse_shifts(f"{title}\n{desc}\n{row['salary_text']}"),
            min_education=EDUCATION.get(row["education"].strip()),
            min_experience_years=parse_experience(row["experience"]),
            title=title,
            description=desc,
            opens=published,
        )
        ads.append(Ad(record, county, published))
    return ads


@dataclass(frozen=True)
class Query:
    """A seeker profile as the counsellor wrote it, and the engine's ``SeekerProfile``."""

    raw: dict[str, Any]
    profile: SeekerProfile
    county: str
    names: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.profile.id


def read_queries(taxonomy: Taxonomy, path: Path = QUERIES) -> list[Query]:
    towns = township_index(taxonomy)
    out: list[Query] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            name = place_key(raw["township"])
            zip3 = towns[name]
            codes = tuple(o["code"] for o in raw["desired_occupations"])
            names = tuple(o["name"] for o in raw["desired_occupations"])
            for code in codes:
                if code not in taxonomy.occupations:
                    raise ValueError(f"{raw['id']}: unknown occupation {code}")
            pay = raw.get("expected_pay") or {}
            profile = SeekerProfile(
                id=raw["id"],
                desired_occupations=codes,
                township=zip3,
                max_commute_km=raw.get("max_commute_km"),
                pay_basis=pay.get("basis"),
                expected_pay_min=pay.get("min"),
                shifts=frozenset(raw.get("shifts", [])),
                education=EDUCATION[raw["education"]] if raw.get("education") else None,
                experience_years=raw.get("experience_years"),
                experience_text=raw.get("experience_text", ""),
                skills=tuple(raw.get("skills", [])),
                licences=tuple(raw.get("licences", [])),
                desired_names=names,
            )
            out.append(Query(raw, profile, taxonomy.townships[zip3].county, names))
    return out


def read_judgements(path: Path = JUDGEMENTS) -> dict[str, dict[str, int]]:
    """query_id → hire_id → grade (0–3)."""
    out: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("query_id") or not line.strip():
                continue
            qid, hire_id, grade = line.rstrip("\n").split("\t")[:3]
            out.setdefault(qid, {})[hire_id] = int(grade)
    return out


def distance_km(taxonomy: Taxonomy, a: str | None, b: str | None) -> float | None:
    if a is None or b is None:
        return None
    ta, tb = taxonomy.townships[a], taxonomy.townships[b]
    lat1, lon1, lat2, lon2 = map(math.radians, (ta.lat, ta.lon, tb.lat, tb.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))
