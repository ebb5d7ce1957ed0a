"""Columnar features of seekers and vacancies, and the vectorised pair score.

Both sides are stored in the same ``Columns`` layout (one row per record, padded 2-D arrays for
the multi-valued fields). ``score_pairs`` computes every factor for many pairs at once with NumPy
broadcasting: one seeker against candidate vacancies (1-D), one vacancy against candidate
seekers, or a block of seekers × a block of vacancies (2-D grid, batch). The same function, so
the same numbers, in every direction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date

import numpy as np
from numpy.typing import NDArray

from .licences import covered, text_requirements
from .occupations import MAX_SUGGESTIONS, OccupationRelatedness
from .occupations import relative_strengths as _strengths
from .profiles import SHIFTS, SeekerProfile, VacancyRecord
from .text import TOP_TERMS, normalize

# -- factor order and weights (points) -------------------------------------------------------
FACTORS: tuple[str, ...] = (
    "occupation",
    "title",
    "text",
    "skills",
    "licences",
    "distance",
    "pay",
    "shifts",
    "education",
    "experience",
    "availability",
)
# relevance (``profiles.RELEVANCE_FACTORS``): what the job is (occupation evidence, the ad's
# title against the seeker's wished and past job names, the text of both); the other factors are
# logistics and qualifications
# logistics and qualifications count in proportion to the occupation evidence (occupation + title
# points): × min(1, (occupation + title) / REL_FULL). The text is left out of the scale: it adds
# its points, but a description that shares words without a related code or title does not bring
# the logistics points (and the bound pass can then bound the scale per row).
SCALED: tuple[str, ...] = ("distance", "pay", "shifts", "education", "experience", "availability")
REL_FULL = 30.0
W_OCCUPATION = 30.0
W_TITLE = 20.0
OCCUPATION_CLOSENESS = (0.0, 0.15, 0.4, 0.7, 1.0)  # by shared prefix digits 0..4
W_SKILLS = 10.0
W_LICENCE_OK = 5.0
W_LICENCE_MISSING = 10.0
W_TEXT = 25.0
W_DISTANCE = 15.0
DEFAULT_COMMUTE_KM = 30.0
# The seeker's max commute is where the distance points reach 0, not a wall: a job a little
# further (up to COMMUTE_REACH × the limit) is still listed, with negative distance points, below
# the jobs within it, as a counsellor would still show it (only beyond that is it excluded).
COMMUTE_REACH = 1.25
W_OVER_COMMUTE = 10.0
W_PAY_OK = 10.0
W_PAY_SHORT = 10.0
PAY_SHORT_SLOPE = 4.0  # a 25 % shortfall costs the full W_PAY_SHORT
W_SHIFTS = 5.0
W_EDUCATION_OK = 3.0
W_EDUCATION_SHORT = 6.0
W_EXPERIENCE_OK = 3.0
W_EXPERIENCE_SHORT = 6.0
W_AVAILABLE_OK = 2.0
W_AVAILABLE_LATE = 10.0
HOURS_PER_DAY = 8.0  # 勞動基準法 §30: normal working hours ≤ 8 a day (hourly ↔ daily only)
DECIMALS = 6  # every factor is rounded to 1e-6 points before summing

MAX_OCCUPATIONS = 6
VACANCY_OCCUPATIONS = MAX_SUGGESTIONS  # a confirmed code, or the coder's ranked suggestions
TITLE_TERMS = 16  # a title or a job name is short: its 16 strongest terms
MAX_SKILLS = 8
MAX_LICENCES = 8  # a seeker's licences with those they cover (licences.covered)
PAY_CODES = {"monthly": 0, "hourly": 1, "daily": 2, "piece": 3, "negotiable": 4}
# comparable pay classes: monthly alone; hourly and daily through 8 h a day; others never
_PAY_CLASS = np.array([0, 1, 1, -1, -1, -1], dtype=np.int8)  # index -1 → unknown
_PAY_TO_HOURLY = np.array([1.0, 1.0, 1.0 / HOURS_PER_DAY, 1.0, 1.0, 1.0])
SHIFT_BITS = {s: 1 << i for i, s in enumerate(SHIFTS)}
SHIFT_ALL = (1 << len(SHIFTS)) - 1  # the bits of the listed shifts
PART_TIME = SHIFT_BITS["part_time"]
# A vacancy paid by the month and not marked part-time is a full-time job (part-time work is paid
# by the hour in Taiwan: 部分工時 at the hourly minimum wage). The bit is derived at encoding, on
# the vacancy side only, and is never a listed shift: a seeker who wants part-time work (部分工時)
# does not fit a full-time job whatever its hours (issue 16, part-time/full-time).
FULL_TIME = 1 << len(SHIFTS)

F64 = NDArray[np.float64]
Bool = NDArray[np.bool_]


def occupation_key(code: str) -> int:
    """``code`` right-padded to 4 digits, times 10, plus its level: '72' → 72002."""
    return int(code.ljust(4, "0")) * 10 + len(code)


def shift_mask(shifts: frozenset[str]) -> int:
    return sum(SHIFT_BITS[s] for s in shifts)


class Lexicon:
    """Normalised strings (skills, licences) ↔ small ints."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self._raw: dict[str, int] = {}  # exact input string → id (skips re-normalising)

    def id(self, name: str) -> int:
        got = self._raw.get(name)
        if got is not None:
            return got
        key = normalize(name).strip()
        got = self.ids.get(key)
        if got is None:
            got = self.ids[key] = len(self.names)
            self.names.append(name.strip())
        self._raw[name] = got
        return got

    def row(self, names: Sequence[str], width: int) -> list[int]:
        ids = sorted({self.id(n) for n in names if n.strip()})[:width]
        return ids + [-1] * (width - len(ids))

    def rows(self, lists: Sequence[Sequence[str]], width: int) -> NDArray[np.int32]:
        """``row`` for many records at once (a cache per distinct tuple of names)."""
        cache: dict[tuple[str, ...], list[int]] = {}
        out = []
        for names in lists:
            key = tuple(names)
            got = cache.get(key)
            if got is None:
                got = cache[key] = self.row(names, width)
            out.append(got)
        return np.array(out, dtype=np.int32).reshape(len(lists), width)


@dataclass
class Columns:
    """One side's rows. Seekers: ``day`` = available_from, ``edu``/``exp`` = what they have.
    Vacancies: ``day`` = closes, ``edu``/``exp`` = minimum required, ``pay_lo`` = pay_min."""

    occ: NDArray[np.int32]
    occ_w: NDArray[np.float64]  # strength of each occupation key (seekers: 1.0)
    town: NDArray[np.int16]
    pay_basis: NDArray[np.int8]
    pay_lo: F64
    pay_hi: F64
    shifts: NDArray[np.uint8]
    edu: NDArray[np.int8]
    exp: F64
    day: NDArray[np.int32]
    commute: F64
    pay_hard: Bool
    shifts_hard: Bool
    skills: NDArray[np.int32]
    licences: NDArray[np.int32]
    text_ids: NDArray[np.int32]
    text_w: NDArray[np.float32]
    title_ids: NDArray[np.int32]  # vacancies: the title; seekers: wished and past job names
    title_w: NDArray[np.float32]

    @classmethod
    def empty(cls, n: int, occ_width: int) -> Columns:
        return cls(
            occ=np.full((n, occ_width), -1, np.int32),
            occ_w=np.zeros((n, occ_width)),
            town=np.full(n, -1, np.int16),
            pay_basis=np.full(n, -1, np.int8),
            pay_lo=np.full(n, np.nan),
            pay_hi=np.full(n, np.nan),
            shifts=np.zeros(n, np.uint8),
            edu=np.full(n, -1, np.int8),
            exp=np.full(n, np.nan),
            day=np.zeros(n, np.int32),
            commute=np.full(n, np.nan),
            pay_hard=np.zeros(n, np.bool_),
            shifts_hard=np.zeros(n, np.bool_),
            skills=np.full((n, MAX_SKILLS), -1, np.int32),
            licences=np.full((n, MAX_LICENCES), -1, np.int32),
            text_ids=np.full((n, TOP_TERMS), -1, np.int32),
            text_w=np.zeros((n, TOP_TERMS), np.float32),
            title_ids=np.full((n, TITLE_TERMS), -1, np.int32),
            title_w=np.zeros((n, TITLE_TERMS), np.float32),
        )

    def __len__(self) -> int:
        return int(self.town.shape[0])

    def arrays(self) -> dict[str, NDArray[np.generic]]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def take(self, idx: NDArray[np.int64]) -> Columns:
        return Columns(**{k: a[idx] for k, a in self.arrays().items()})  # type: ignore[arg-type]

    def resized(self, n: int) -> Columns:
        out = Columns.empty(n, self.occ.shape[1])
        m = min(n, len(self))
        for k, a in self.arrays().items():
            getattr(out, k)[:m] = a[:m]
        return out

    def put(self, start: int, other: Columns) -> None:
        for k, a in other.arrays().items():
            getattr(self, k)[start : start + len(other)] = a


def _opt(values: list[float | None]) -> F64:
    """Optional numbers → float64 with NaN for None."""
    return np.array([np.nan if x is None else x for x in values], dtype=np.float64)


def _shift_masks(sets: Sequence[frozenset[str]]) -> NDArray[np.uint8]:
    cache: dict[frozenset[str], int] = {}
    out = []
    for sh in sets:
        got = cache.get(sh)
        if got is None:
            got = cache[sh] = shift_mask(sh)
        out.append(got)
    return np.array(out, dtype=np.uint8)


def _towns(zips: Sequence[str | None], town_idx: dict[str, int]) -> NDArray[np.int16]:
    return np.array([town_idx.get(z, -1) if z else -1 for z in zips], dtype=np.int16)


def _pay_bases(bases: Sequence[str | None]) -> NDArray[np.int8]:
    return np.array([PAY_CODES[b] if b else -1 for b in bases], dtype=np.int8)


def _days(days: Sequence[date | None]) -> NDArray[np.int32]:
    return np.array([0 if d is None else d.toordinal() for d in days], dtype=np.int32)


def encode_seekers(
    seekers: Sequence[SeekerProfile], town_idx: dict[str, int], skills: Lexicon, licences: Lexicon
) -> Columns:
    """Column-wise encoding: one list comprehension per field, one array conversion each."""
    n = len(seekers)
    c = Columns.empty(n, MAX_OCCUPATIONS)
    if n == 0:
        return c
    key_cache: dict[tuple[str, ...], list[int]] = {}
    occ = []
    for s in seekers:
        got = key_cache.get(s.desired_occupations)
        if got is None:
            keys = sorted({occupation_key(o) for o in s.desired_occupations})[:MAX_OCCUPATIONS]
            got = key_cache[s.desired_occupations] = keys + [-1] * (MAX_OCCUPATIONS - len(keys))
        occ.append(got)
    c.occ[:] = np.array(occ, dtype=np.int32)
    c.occ_w[:] = np.where(c.occ >= 0, 1.0, 0.0)
    c.town[:] = _towns([s.township for s in seekers], town_idx)
    c.pay_basis[:] = _pay_bases([s.pay_basis for s in seekers])
    c.pay_lo[:] = _opt([s.expected_pay_min for s in seekers])
    c.shifts[:] = _shift_masks([s.shifts for s in seekers])
    c.edu[:] = np.array([-1 if s.education is None else s.education for s in seekers], np.int8)
    c.exp[:] = _opt([s.experience_years for s in seekers])
    c.day[:] = _days([s.available_from for s in seekers])
    c.commute[:] = _opt([s.max_commute_km for s in seekers])
    c.pay_hard[:] = np.array([s.min_pay_hard for s in seekers], dtype=np.bool_)
    c.shifts_hard[:] = np.array([s.shifts_hard for s in seekers], dtype=np.bool_)
    c.skills[:] = skills.rows([s.skills for s in seekers], MAX_SKILLS)
    c.licences[:] = licences.rows([covered(s.licences) for s in seekers], MAX_LICENCES)
    return c


def encode_vacancies(
    vacancies: Sequence[VacancyRecord],
    town_idx: dict[str, int],
    skills: Lexicon,
    licences: Lexicon,
) -> Columns:
    """Column-wise encoding, as ``encode_seekers``."""
    n = len(vacancies)
    c = Columns.empty(n, VACANCY_OCCUPATIONS)
    if n == 0:
        return c
    occ_cache: dict[tuple[object, ...], tuple[list[int], list[float]]] = {}
    occ, occ_w = [], []
    for v in vacancies:
        key = (v.occupation, v.occupation_confirmed, v.occupation_suggestions)
        got = occ_cache.get(key)
        if got is None:
            ev = occupation_evidence(v)
            pad = VACANCY_OCCUPATIONS - len(ev)
            got = occ_cache[key] = (
                [occupation_key(c) for c, _w in ev] + [-1] * pad,
                [w for _c, w in ev] + [0.0] * pad,
            )
        occ.append(got[0])
        occ_w.append(got[1])
    c.occ[:] = np.array(occ, dtype=np.int32)
    c.occ_w[:] = np.array(occ_w, dtype=np.float64)
    c.town[:] = _towns([v.township for v in vacancies], town_idx)
    c.pay_basis[:] = _pay_bases([v.pay_basis for v in vacancies])
    c.pay_lo[:] = _opt([v.pay_min for v in vacancies])
    c.pay_hi[:] = _opt([v.pay_max if v.pay_max is not None else v.pay_min for v in vacancies])
    c.shifts[:] = _shift_masks([v.shifts for v in vacancies])
    full_time = (c.pay_basis == PAY_CODES["monthly"]) & ((c.shifts & PART_TIME) == 0)
    c.shifts[full_time] |= FULL_TIME
    c.edu[:] = np.array(
        [-1 if v.min_education is None else v.min_education for v in vacancies], np.int8
    )
    c.exp[:] = _opt([v.min_experience_years for v in vacancies])
    c.day[:] = _days([v.closes for v in vacancies])
    c.skills[:] = skills.rows([v.skills for v in vacancies], MAX_SKILLS)
    c.licences[:] = licences.rows(
        [(*v.licences, *text_requirements(v.title, v.description)) for v in vacancies],
        MAX_LICENCES,
    )
    return c


def occupation_evidence(v: VacancyRecord) -> list[tuple[str, float]]:
    """The vacancy's occupation codes with their strength (best first, ≤ 3).

    An officer's confirmed code is the whole evidence (strength 1). Otherwise the coder's ranked
    suggestions with strength = score / best score (1/20 steps), and a code set on the vacancy
    that the coder did not suggest (an imported or unconfirmed code) first, at strength 1."""
    code = v.occupation
    if code and v.occupation_confirmed:
        return [(code, 1.0)]
    ranked = _strengths([(c, s) for c, s in v.occupation_suggestions if len(c) == 4])
    if code and code not in {c for c, _w in ranked}:
        ranked = [(code, 1.0), *ranked]
    return ranked[:VACANCY_OCCUPATIONS]


def occupation_closeness(
    s_occ: NDArray[np.int32],
    v_occ: NDArray[np.int32],
    v_w: F64 | None = None,
    related: OccupationRelatedness | None = None,
) -> F64:
    """Best strength × closeness over the seeker's keys (last axis of ``s_occ``) and the
    vacancy's keys (last axis of ``v_occ``, strengths ``v_w``; a 1-D ``v_occ`` of single keys
    has strength 1).

    A vacancy inside a desired group ('72' wanted, 7212 offered) is a full match; otherwise the
    shared prefix decides (3 digits 0.7, 2 digits 0.4, the major group 0.15) or, when higher, the
    learned relatedness of the two 細類 (``occupations.py``).
    """
    if v_w is None:
        v_occ, v_w = v_occ[..., None], np.where(v_occ >= 0, 1.0, 0.0)[..., None]
    best: F64 | None = None
    for j in range(v_occ.shape[-1]):
        v, w = v_occ[..., j], v_w[..., j]
        if not (v >= 0).any():
            continue
        got = w * _key_closeness(s_occ, v, related)
        best = got if best is None else np.maximum(best, got)
    if best is None:
        shape = np.broadcast_shapes(s_occ.shape[:-1], v_occ.shape[:-1])
        return np.zeros(shape)
    return np.asarray(best, np.float64)


def _learned(s: NDArray[np.int32], v: NDArray[np.int32], related: OccupationRelatedness) -> F64:
    """Learned relatedness of seeker keys ``s`` (4-digit ones only) and vacancy keys ``v``."""
    none = len(related.codes)
    si = np.where((s >= 0) & (s % 10 == 4), related.by_code[np.maximum(s, 0) // 10], none)
    vi = np.where(v >= 0, related.by_code[np.maximum(v, 0) // 10], none)
    return np.asarray(related.matrix[si, vi], np.float64)


def _key_closeness(
    s_occ: NDArray[np.int32], v_occ: NDArray[np.int32], related: OccupationRelatedness | None
) -> F64:
    """Best closeness over the seeker's keys (last axis) for one vacancy key each."""
    table = np.asarray(OCCUPATION_CLOSENESS)
    v = v_occ.astype(np.int32)
    shape = np.broadcast_shapes(s_occ.shape[:-1], v.shape)
    if s_occ.size + v.size <= SMALL_CLOSENESS and math.prod(shape) * s_occ.shape[-1] <= 4096:
        return _closeness_small(s_occ, v, table, related)
    vcode = v // 10
    v_parts = (vcode // 1000, vcode // 100, vcode // 10, vcode)
    best: F64 = np.zeros(shape)
    for j in range(s_occ.shape[-1]):
        s = s_occ[..., j]
        if not (s >= 0).any():
            continue
        scode, level = s // 10, s % 10
        shared = (scode // 1000 == v_parts[0]).astype(np.int8)
        shared += (scode // 100 == v_parts[1]) & (level >= 2)
        shared += (scode // 10 == v_parts[2]) & (level >= 3)
        shared += (scode == v_parts[3]) & (level >= 4)
        value = np.where(shared >= level, 1.0, table[shared])
        if related is not None:
            value = np.maximum(value, _learned(s, v, related))
        value[np.broadcast_to((s < 0) | (v < 0), value.shape)] = 0.0
        np.maximum(best, value, out=best)
    return best


SMALL_CLOSENESS = 4096  # inputs this small are compared over all keys at once


def _closeness_small(
    s_occ: NDArray[np.int32],
    v: NDArray[np.int32],
    table: F64,
    related: OccupationRelatedness | None = None,
) -> F64:
    """``occupation_closeness`` in one pass over every key (for a query's few dozen rows; the
    loop over key columns keeps large grids from growing by the number of keys)."""
    s = s_occ.astype(np.int32)
    vv = v[..., None]
    vcode = vv // 10
    scode, level = s // 10, s % 10
    shared = (scode // 1000 == vcode // 1000).astype(np.int8)
    shared += (scode // 100 == vcode // 100) & (level >= 2)
    shared += (scode // 10 == vcode // 10) & (level >= 3)
    shared += (scode == vcode) & (level >= 4)
    value = np.where(shared >= level, 1.0, table[shared])
    if related is not None:
        value = np.maximum(value, _learned(s, vv, related))
    value = np.where((s < 0) | (vv < 0), 0.0, value)
    if value.shape[-1] == 0:
        return np.zeros(value.shape[:-1])
    return np.asarray(np.maximum(value.max(axis=-1), 0.0), np.float64)


@dataclass
class PairInputs:
    """Per-pair overlaps computed outside (sparse products or lookups), broadcastable."""

    text: F64
    title: F64  # min(1, title · wish-names dot product)
    skill_hits: NDArray[np.int64]
    licence_hits: NDArray[np.int64]


def shift_points(a: NDArray[np.integer], b: NDArray[np.integer]) -> tuple[F64, Bool]:
    """Shift points of masks ``a`` and ``b`` (either side first: symmetric) and whether they do
    not fit: listed shifts on both sides that do not overlap, or part-time wanted by one side and
    a full-time job (``FULL_TIME``) on the other."""
    a = np.asarray(a).astype(np.int64)
    b = np.asarray(b).astype(np.int64)
    la, lb = a & SHIFT_ALL, b & SHIFT_ALL
    both = (la > 0) & (lb > 0)
    overlap = (la & lb) > 0
    conflict = (((a & PART_TIME) > 0) & ((b & FULL_TIME) > 0)) | (
        ((a & FULL_TIME) > 0) & ((b & PART_TIME) > 0)
    )
    misfit = conflict | (both & ~overlap)
    pts = np.where(misfit, -W_SHIFTS, np.where(both, W_SHIFTS, 0.0))
    return np.asarray(pts, np.float64), np.asarray(misfit, np.bool_)


def distance_points(distance: F64, commute: F64, known: Bool) -> F64:
    """15 × clip(1 − d/R, −0.5, 1) (R = the max commute, ≥ 1 km, or 30 km), and beyond the
    seeker's max commute (a job listed below those within it) ``W_OVER_COMMUTE`` less."""
    commute = np.asarray(commute, np.float64)
    radius = np.where(np.isnan(commute), DEFAULT_COMMUTE_KM, np.maximum(commute, 1.0))
    pts = W_DISTANCE * np.clip(1.0 - distance / radius, -0.5, 1.0)
    pts -= W_OVER_COMMUTE * (distance > commute)  # NaN (no limit) compares False: − 0.0
    return np.asarray(np.where(known, pts, 0.0), np.float64)


def commute_cut(commute: F64) -> F64:
    """The distance beyond which the seeker's max commute excludes a job (NaN: none)."""
    return np.asarray(commute, np.float64) * COMMUTE_REACH


def relevance_scale(relevance: F64) -> F64:
    """The share of the logistics points a pair gets: min(1, relevance / REL_FULL), ≥ 0."""
    return np.clip(relevance / REL_FULL, 0.0, 1.0)


def score_pairs(
    s: Columns,
    v: Columns,
    pairs: PairInputs,
    distance: F64,
    related: OccupationRelatedness | None = None,
    occ_points: F64 | None = None,
) -> tuple[list[F64], F64, Bool]:
    """All factors, the score and the hard-filter mask for broadcastable seeker/vacancy rows.

    ``s`` and ``v`` hold already gathered (and, for a grid, reshaped) rows. The score is the
    left-to-right float sum of the factors in ``FACTORS`` order, so a Python ``sum`` of the
    contributions reproduces it bit for bit. The occupation evidence (occupation + title
    points) scales the logistics factors (``SCALED``): an unrelated job gets none of their
    points.
    """
    if occ_points is None:
        closeness = occupation_closeness(s.occ, v.occ, v.occ_w, related)
        occ = np.round(W_OCCUPATION * closeness, DECIMALS)
    else:  # the same values, computed by the caller (a query's per-key table)
        occ = occ_points
    title = np.round(W_TITLE * np.round(pairs.title, DECIMALS), DECIMALS)

    n_vsk = (v.skills >= 0).sum(axis=-1)
    skills = np.where(n_vsk > 0, W_SKILLS * pairs.skill_hits / np.maximum(n_vsk, 1), 0.0)

    n_vlic = (v.licences >= 0).sum(axis=-1)
    missing = n_vlic - pairs.licence_hits
    lic = np.where(
        n_vlic == 0,
        0.0,
        np.where(missing == 0, W_LICENCE_OK, -W_LICENCE_MISSING * missing / np.maximum(n_vlic, 1)),
    )

    text = W_TEXT * np.round(pairs.text, DECIMALS)

    known = (s.town >= 0) & (v.town >= 0)
    dist_pts = distance_points(distance, s.commute, known)
    too_far = known & (distance > commute_cut(s.commute))  # NaN (no limit) compares False

    s_cls = _PAY_CLASS[s.pay_basis]
    v_cls = _PAY_CLASS[v.pay_basis]
    s_val = s.pay_lo * _PAY_TO_HOURLY[s.pay_basis]
    v_val = v.pay_hi * _PAY_TO_HOURLY[v.pay_basis]
    comparable = (s_cls >= 0) & (s_cls == v_cls) & ~np.isnan(s_val) & ~np.isnan(v_val)
    comparable &= s_val > 0
    gap = np.where(comparable, (s_val - v_val) / np.where(s_val > 0, s_val, 1.0), 0.0)
    pay = np.where(
        ~comparable,
        0.0,
        np.where(gap <= 0, W_PAY_OK, -W_PAY_SHORT * np.minimum(1.0, PAY_SHORT_SLOPE * gap)),
    )
    pay_excluded = s.pay_hard & comparable & (gap > 0)

    shifts, shift_misfit = shift_points(s.shifts, v.shifts)
    shift_excluded = s.shifts_hard & shift_misfit

    edu_known = (s.edu >= 0) & (v.edu >= 0)
    edu = np.where(edu_known, np.where(s.edu >= v.edu, W_EDUCATION_OK, -W_EDUCATION_SHORT), 0.0)

    need = v.exp
    exp_known = ~np.isnan(s.exp) & ~np.isnan(need) & (need > 0)
    short = np.where(exp_known, (need - s.exp) / np.where(need > 0, need, 1.0), 0.0)
    exp = np.where(
        exp_known,
        np.where(short <= 0, W_EXPERIENCE_OK, -W_EXPERIENCE_SHORT * np.minimum(1.0, short)),
        0.0,
    )

    day_known = (s.day > 0) & (v.day > 0)
    avail = np.where(day_known, np.where(s.day <= v.day, W_AVAILABLE_OK, -W_AVAILABLE_LATE), 0.0)

    text = np.round(text, DECIMALS)
    g = relevance_scale(occ + title)
    factors: list[F64] = [
        occ,
        title,
        text,
        np.asarray(np.round(skills, DECIMALS), np.float64),
        np.asarray(np.round(lic, DECIMALS), np.float64),
        *(np.round(g * f, DECIMALS) for f in (dist_pts, pay, shifts, edu, exp, avail)),
    ]
    shape = np.broadcast_shapes(*(f.shape for f in factors))
    factors = [
        f
        if f.shape == shape and f.dtype == np.float64
        else np.broadcast_to(f, shape).astype(np.float64, copy=False)
        for f in factors
    ]
    score = factors[0] + 0.0
    for f in factors[1:]:
        score = score + f
    allowed = ~np.broadcast_to(too_far | pay_excluded | shift_excluded, shape)
    return factors, score, allowed


def score_key(score: F64) -> NDArray[np.int64]:
    """Integer ranking key: the score in micro-points (ties then go by id)."""
    return np.asarray(np.rint(score * 10**DECIMALS), dtype=np.int64)
