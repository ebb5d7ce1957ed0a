"""Exact top-k retrieval: an upper bound of every row's score in one vectorised pass, then exact
scoring of the rows whose bound can still beat the k-th best (threshold algorithm).

Per side, ``RowBounds`` keeps four int32 codes per row, each a dictionary code (``SideCodes``)
of a tuple of values: occupation keys; skill and licence sets; experience, date, education and
shifts; pay and place. A query computes every non-text factor once per distinct value, sums the
factors per tuple (``query_tables``) and gathers the four sums per row (``gather_bounds``):

    bound(row) = occ_t[occ] + sets_t[sets] + a_t[a] + b_t[b] + 25 · U + ε   (float32)

where U = Σ_t q_t · max_row w_row,t ≥ any row's cosine with the query (weights are ≥ 0), and
``-inf`` for rows excluded by a hard or request filter or removed. Exact scores (the same
``score_pairs`` as every other path, float64) are then computed for rows in descending order of
``non-text bound + 25 · exact cosine``; the scan stops when the next row's bound is below the k-th
exact score. Every row that is not scored has a bound, hence a score, strictly below the k-th
result, so the result equals scoring every row (ties by id included). The float32 pass only
decides which rows get scored: it never changes a score.

Where a bound is loose rather than exact (more than 64 distinct skills or licences: the masks then
hash ids into 64 bits and only say "may overlap"), more rows are scored; the result stays exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .features import (
    _PAY_CLASS,
    _PAY_TO_HOURLY,
    DECIMALS,
    MAX_LICENCES,
    MAX_SKILLS,
    PAY_SHORT_SLOPE,
    TITLE_TERMS,
    W_AVAILABLE_LATE,
    W_AVAILABLE_OK,
    W_EDUCATION_OK,
    W_EDUCATION_SHORT,
    W_EXPERIENCE_OK,
    W_EXPERIENCE_SHORT,
    W_LICENCE_MISSING,
    W_LICENCE_OK,
    W_OCCUPATION,
    W_PAY_OK,
    W_PAY_SHORT,
    W_SKILLS,
    W_TEXT,
    Columns,
    _key_closeness,
    commute_cut,
    distance_points,
    occupation_closeness,
    occupation_key,
    shift_points,
)
from .occupations import OccupationRelatedness
from .titles import TitleCodes

F32 = NDArray[np.float32]
F64 = NDArray[np.float64]
AnyFloat = NDArray[np.floating[Any]]
I64 = NDArray[np.int64]
Bool = NDArray[np.bool_]
MASK_BITS = 64
# Slack (points) added to every bound: covers float32 rounding of ≤ 11 terms of ≤ 30 points
# (< 1e-4) and the 1e-6 rounding of the text factor with a wide margin. It only widens the set
# of rows that get scored exactly.
BOUND_SLACK = 1e-3
# Two exact scores closer than this are one ranking key apart at most (keys are micro-points).
KEY_MARGIN = 1e-5
NEG_INF = np.float32(-np.inf)


def _masks(ids: NDArray[np.int32]) -> tuple[NDArray[np.uint64], NDArray[np.uint8]]:
    """64-bit set masks (bit id % 64) and counts of padded id rows."""
    ok = ids >= 0
    bits = np.where(ok, np.left_shift(np.uint64(1), (ids % MASK_BITS).astype(np.uint64)), 0)
    mask = np.bitwise_or.reduce(bits.astype(np.uint64), axis=1)
    return mask.astype(np.uint64), ok.sum(axis=1).astype(np.uint8)


class Codes:
    """Distinct value rows ↔ small ints (dictionary encoding), so a query computes a factor once
    per distinct value (a few hundred or thousand) and gathers it per row. NaN is a value.
    Values are kept in growable arrays: a new value costs an append, not a rebuild."""

    def __init__(self, width: int, of_codes: bool = False) -> None:
        self.width = width
        self.of_codes = of_codes  # values are tuples of other codes: keep ``ints`` as well
        self.of: dict[tuple[float, ...], int] = {}
        self._n = 0
        self._buf = np.zeros((16, width))
        self._ibuf = np.zeros((width, 16), np.int32)  # column-major: each column contiguous
        self._derived: dict[str, tuple[NDArray[Any], ...]] = {}

    def ids(self, values: NDArray[np.generic]) -> NDArray[np.int32]:
        v = np.asarray(values, np.float64).reshape(values.shape[0], self.width)
        if v.shape[0] == 0:
            return np.zeros(0, np.int32)
        v = np.where(np.isnan(v), _NAN_KEY, v)
        if v.shape[0] == 1:  # one appended record: no sort
            uniq, inverse = v, np.zeros(1, np.int64)
        else:
            first, inverse = _unique_rows(v)
            uniq = v[first]
        local = np.empty(uniq.shape[0], np.int32)
        new: list[tuple[float, ...]] = []
        for i, row in enumerate(uniq.tolist()):
            key = tuple(row)
            got = self.of.get(key)
            if got is None:
                got = self.of[key] = self._n + len(new)
                new.append(key)
            local[i] = got
        if new:
            self._append(np.array(new, np.float64).reshape(len(new), self.width))
        return local[inverse.reshape(-1)]

    def _append(self, rows: NDArray[np.float64]) -> None:
        end = self._n + rows.shape[0]
        if end > self._buf.shape[0]:
            size = max(end, 2 * self._buf.shape[0])
            buf, ibuf = np.zeros((size, self.width)), np.zeros((self.width, size), np.int32)
            buf[: self._n], ibuf[:, : self._n] = self._buf[: self._n], self._ibuf[:, : self._n]
            self._buf, self._ibuf = buf, ibuf
        values = np.where(rows == _NAN_KEY, np.nan, rows)
        self._buf[self._n : end] = values
        if self.of_codes:
            self._ibuf[:, self._n : end] = values.T
        self._n = end
        self._derived.clear()

    def __len__(self) -> int:
        return self._n

    @property
    def values(self) -> NDArray[np.float64]:
        """``len × width`` values (NaN restored)."""
        return self._buf[: self._n]

    @property
    def ints(self) -> NDArray[np.int32]:
        """``values`` as integers, one contiguous row per column (``width × len``), for tuples
        of codes (``of_codes``)."""
        assert self.of_codes
        return self._ibuf[:, : self._n]

    def derived(
        self, name: str, make: Callable[[NDArray[np.float64]], tuple[NDArray[Any], ...]]
    ) -> tuple[NDArray[Any], ...]:
        """``make(values)``, kept until the next new value (query-independent columns)."""
        got = self._derived.get(name)
        if got is None:
            got = self._derived[name] = make(self.values)
        return got


_NAN_KEY = -1.0e300


def _unique_rows(v: NDArray[np.float64]) -> tuple[I64, I64]:
    """First index of each distinct row and every row's distinct-row number (rows in sorted
    order). Column by column into one integer key: a 1-D sort per column is far faster than
    ``np.unique(axis=0)``, which sorts the rows as opaque bytes (12 s for 1M × 6)."""
    key = np.zeros(v.shape[0], np.int64)
    radix = 1
    for j in range(v.shape[1]):
        _u, inv = np.unique(v[:, j], return_inverse=True)
        if radix * _u.size >= 2**62:  # renumber the key so far before it could overflow
            _k, key = np.unique(key, return_inverse=True)
            radix = _k.size
        key = key * _u.size + inv.reshape(-1)
        radix *= _u.size
    _keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first.astype(np.int64), inverse.reshape(-1).astype(np.int64)


class SideCodes:
    """The dictionaries of one side (shared by all its rows, grown by appends).

    Per row the bound pass reads four codes, each a dictionary code of a tuple of smaller codes:
    the occupation keys (``occ``), the skill and licence sets (``sets``), experience, availability,
    education and shifts (``a``), pay and place (``b``). A query computes a factor once per
    distinct value and sums the factors per tuple, so the per-row work is four gathers whatever the
    number of factors. Code 0 of ``occ`` is reserved for removed rows (always -inf)."""

    def __init__(self, occ_width: int) -> None:
        self.key = Codes(1)  # occupation keys (-1 = none)
        self.occ_width = occ_width
        # tuples of key codes, then each key's strength in quarters, rounded up (BOUND_STEPS)
        self.occ = Codes(2 * occ_width, of_codes=True)
        self.occ.ids(np.full((1, 2 * occ_width), -1.0))  # code 0: a removed row
        self.sets = Codes(6)  # skills mask hi/lo 32 bits, count; licences the same
        self.pay = Codes(3)  # pay class, hourly-normalised value, pay_hard
        self.exp = Codes(1)
        self.day = Codes(1)
        self.geo = Codes(2)  # township, commute limit (NaN = none)
        # exp code, education (index 8 = -1), shifts + 256 × shifts_hard: a few hundred
        self.c = Codes(3, of_codes=True)
        self.a = Codes(2, of_codes=True)  # c code, day code
        self.b = Codes(2, of_codes=True)  # pay code, geo code
        self.titles = TitleCodes(TITLE_TERMS)


DEAD = 0  # the ``occ`` code of a removed row


def _split64(mask: NDArray[np.uint64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    hi = (mask >> np.uint64(32)).astype(np.float64)
    lo = (mask & np.uint64(0xFFFFFFFF)).astype(np.float64)
    return hi, lo


def _join64(hi: NDArray[np.float64], lo: NDArray[np.float64]) -> NDArray[np.uint64]:
    return (hi.astype(np.uint64) << np.uint64(32)) | lo.astype(np.uint64)


def _set_masks(v: NDArray[np.float64]) -> tuple[NDArray[Any], ...]:
    """Skill mask, skill count, licence mask, licence count of each ``sets`` value."""
    return (
        _join64(v[:, 0], v[:, 1]),
        v[:, 2].astype(np.uint8),
        _join64(v[:, 3], v[:, 4]),
        v[:, 5].astype(np.uint8),
    )


@dataclass
class RowBounds:
    """Per-row codes for the bound pass (same row numbers as the side's ``Columns``)."""

    occ: NDArray[np.int32]
    sets: NDArray[np.int32]
    a: NDArray[np.int32]
    b: NDArray[np.int32]
    title: NDArray[np.int32]  # ``TitleCodes`` code of the row's title (seekers: job names)

    @classmethod
    def of(cls, c: Columns, codes: SideCodes, seekers: bool) -> RowBounds:
        n = len(c)
        key = codes.key.ids(c.occ.reshape(-1, 1)).reshape(c.occ.shape)
        sk_mask, sk_n = _masks(c.skills)
        lic_mask, lic_n = _masks(c.licences)
        sets = np.stack([*_split64(sk_mask), sk_n, *_split64(lic_mask), lic_n], axis=1)
        basis = c.pay_basis.astype(np.int64)
        raw = c.pay_lo if seekers else c.pay_hi
        val = raw * _PAY_TO_HOURLY[basis]
        pay_cls = np.where(np.isnan(val), -1, _PAY_CLASS[basis]).astype(np.float64)
        pay = codes.pay.ids(np.stack([pay_cls, val, c.pay_hard.astype(np.float64)], axis=1))
        geo = codes.geo.ids(np.stack([c.town.astype(np.float64), c.commute], axis=1))
        exp = codes.exp.ids(c.exp)
        day = codes.day.ids(c.day)
        shift_idx = c.shifts.astype(np.int64) + 256 * c.shifts_hard.astype(np.int64)
        small = np.stack([exp, c.edu.astype(np.int64) % 9, shift_idx], axis=1)
        return cls(
            occ=codes.occ.ids(np.concatenate([key, _bound_steps(c.occ_w)], axis=1))
            if n
            else np.zeros(0, np.int32),
            sets=codes.sets.ids(sets),
            a=codes.a.ids(np.stack([codes.c.ids(small), day], axis=1)),
            b=codes.b.ids(np.stack([pay, geo], axis=1)),
            title=codes.titles.codes(c.title_ids, c.title_w),
        )

    def arrays(self) -> dict[str, NDArray[np.generic]]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def resized(self, n: int) -> RowBounds:
        out = {}
        for k, a in self.arrays().items():
            b = np.zeros((n, *a.shape[1:]), a.dtype)  # 0 = a removed row's occupation code
            m = min(n, a.shape[0])
            b[:m] = a[:m]
            out[k] = b
        return RowBounds(**out)  # type: ignore[arg-type]

    def put(self, start: int, other: RowBounds) -> None:
        for k, a in other.arrays().items():
            getattr(self, k)[start : start + a.shape[0]] = a


# The bound pass reads each occupation strength rounded UP to quarters: a vacancy's codes and
# their strengths vary much (three codes, strengths in 1/20 steps), and on a coarse grid the
# dictionary of tuples stays small; the rows that get scored read their exact strengths.
BOUND_STEPS = 4


def _bound_steps(strength: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.ceil(np.round(strength * BOUND_STEPS, 6))


def _r(x: NDArray[np.float64]) -> F32:
    return np.round(x, DECIMALS).astype(np.float32)


def _skill_table() -> F32:
    n, h = np.meshgrid(np.arange(MAX_SKILLS + 1), np.arange(MAX_SKILLS + 1), indexing="ij")
    pts = np.where(n > 0, W_SKILLS * np.minimum(h, n) / np.maximum(n, 1), 0.0)
    return _r(pts).reshape(-1)


def _licence_table() -> F32:
    n, h = np.meshgrid(np.arange(MAX_LICENCES + 1), np.arange(MAX_LICENCES + 1), indexing="ij")
    missing = n - np.minimum(h, n)
    pts = np.where(
        n == 0,
        0.0,
        np.where(missing == 0, W_LICENCE_OK, -W_LICENCE_MISSING * missing / np.maximum(n, 1)),
    )
    return _r(pts).reshape(-1)


SKILL_TABLE = _skill_table()  # index n_listed × (MAX_SKILLS + 1) + hits
LICENCE_TABLE = _licence_table()  # index n_required × (MAX_LICENCES + 1) + hits


def _hits_bound(
    masks: NDArray[np.uint64], counts: NDArray[np.uint8], q_mask: int, q_n: int, lexicon: int
) -> NDArray[np.uint8]:
    """Overlap count of each row's set with the query's: exact when ids < 64, else an upper bound
    (a row whose hashed bits miss the query's shares no id with it)."""
    both = np.bitwise_and(masks, np.uint64(q_mask))
    if lexicon <= MASK_BITS:
        return np.asarray(np.bitwise_count(both), np.uint8)
    return np.where(both != 0, np.minimum(counts, np.uint8(q_n)), np.uint8(0)).astype(np.uint8)


@lru_cache(maxsize=128)
def _shift_tables(q_shifts: int, hard_on_query: bool) -> F32:
    """Points by row index ``shifts + 256 × row_hard``; -inf where a hard shift filter excludes.
    Cached and read-only: copy before changing."""
    m = np.arange(512) % 256
    row_hard = np.arange(512) >= 256
    points, misfit = shift_points(np.full(512, q_shifts), m)
    pts = points.astype(np.float32)
    excluded = misfit & (row_hard | hard_on_query)
    pts[excluded] = NEG_INF
    pts.flags.writeable = False
    return pts


@lru_cache(maxsize=64)
def _edu_table(q_edu: int, query_is_seeker: bool) -> F32:
    """Points by the row's education level (index 8 = -1, unknown); cached, read-only."""
    e = np.array([*range(8), -1])
    if q_edu < 0:
        out = np.zeros(9, np.float32)
    else:
        ok = q_edu >= e if query_is_seeker else e >= q_edu
        pts = np.where(e >= 0, np.where(ok, W_EDUCATION_OK, -W_EDUCATION_SHORT), 0.0)
        out = pts.astype(np.float32)
    out.flags.writeable = False
    return out


def _query_set(ids: NDArray[np.int32]) -> tuple[int, int]:
    """``_masks`` of one query row, in plain Python: (mask, count)."""
    mask, count = 0, 0
    for i in ids.tolist():
        if i >= 0:
            mask |= 1 << (i % MASK_BITS)
            count += 1
    return mask, count


@dataclass
class Query:
    """One query's lookup inputs, with the request's filters (the counsellor's search options)."""

    cols: Columns  # the query row
    seeker_is_query: bool
    town_ok: Bool  # township mask (n_towns + 1; last = unknown township)
    distance: NDArray[np.float64]  # (n_towns + 1)² km, 0 where unknown
    occupation_prefix: str | None = None  # rows need a key under it
    min_pay: tuple[int, int] | None = None  # (amount, pay-basis code): vacancy rows' pay_hi
    shift_mask: int = 0  # rows need one of these shifts
    related: OccupationRelatedness | None = None  # the learned occupation relatedness


@dataclass
class Tables:
    """One query's points per code of each ``RowBounds`` column (float32, -inf = excluded).

    ``a`` and ``b`` hold the logistics factors before the relevance scale (``a_raw``,
    ``b_raw``) and their positive parts (``a``, ``b``; -inf kept): as the scale is within [0, 1],
    scale × (a_raw + b_raw) ≤ a + b, the bound of the first pass."""

    occ: F32
    sets: F32
    a: F32
    b: F32
    a_raw: F32
    b_raw: F32
    # float64 occupation closeness of each distinct occupation key (``SideCodes.key``) against
    # the query: as a vacancy's code against the seeker's codes, or as a seeker's code against
    # the vacancy's codes and strengths (the values ``occupation_closeness`` takes its max of)
    key_closeness: F64 | None = None
    tuple_points: F64 | None = None  # exact float64 occupation points per tuple (seeker rows)
    title: F32 | None = None  # title points' upper bound per title code (set by the index)


def query_tables(q: Query, codes: SideCodes, n_skills: int, n_licences: int) -> Tables:
    """Each factor computed in float64 by the same expressions as ``score_pairs``, once per
    distinct row value, cast to float32 and summed per code tuple."""
    qc = q.cols
    sq = q.seeker_is_query

    # occupation: best strength × closeness over the row's keys; the prefix filter (a vacancy's
    # first code, any of a seeker's); removed rows
    keys = codes.key.values[:, 0].astype(np.int32)
    if sq:  # each distinct key as a vacancy's code against the seeker's codes
        key_c = _key_closeness(qc.occ, keys, q.related)
    else:  # each distinct key as a seeker's code against the vacancy's codes and strengths
        key_c = occupation_closeness(keys[:, None], qc.occ[0], qc.occ_w[0], q.related)
    width = codes.occ_width
    tuples = codes.occ.ints
    # the tuples' strengths do not depend on the query: kept until the next new tuple
    (strength,) = codes.occ.derived("strength", lambda v: (v[:, width:].T / BOUND_STEPS,))
    closeness = strength[0] * np.take(key_c, tuples[0], mode="clip")
    for j in range(1, width):
        np.maximum(closeness, strength[j] * np.take(key_c, tuples[j], mode="clip"), out=closeness)
    occ_points = np.round(W_OCCUPATION * closeness, DECIMALS)
    occ_t = occ_points.astype(np.float32)
    if q.occupation_prefix:
        key_ok = np.append(_prefix_ok(keys[:, None], q.occupation_prefix), False)
        checked = tuples[:1] if sq else tuples[:width]
        occ_t[~key_ok[checked].any(axis=0)] = NEG_INF  # index -1 (padding) reads False
    occ_t[DEAD] = NEG_INF

    # skills and licences: per distinct pair of sets
    sk_mask, sk_n, lic_mask, lic_n = codes.sets.derived("masks", _set_masks)
    q_sk_mask, q_sk_n = _query_set(qc.skills[0])
    q_lic_mask, q_lic_n = _query_set(qc.licences[0])
    sets_t = np.zeros(len(codes.sets), np.float32)
    if sq:  # the vacancy rows list the skills/licences
        if q_sk_n:
            hits = _hits_bound(sk_mask, sk_n, q_sk_mask, q_sk_n, n_skills)
            sets_t += SKILL_TABLE[hits + sk_n * np.uint8(MAX_SKILLS + 1)]
        hits = _hits_bound(lic_mask, lic_n, q_lic_mask, q_lic_n, n_licences)
        sets_t += LICENCE_TABLE[hits + lic_n * np.uint8(MAX_LICENCES + 1)]
    else:
        if q_sk_n:
            hits = _hits_bound(sk_mask, sk_n, q_sk_mask, q_sk_n, n_skills)
            s0 = q_sk_n * (MAX_SKILLS + 1)
            sets_t += SKILL_TABLE[s0 : s0 + MAX_SKILLS + 1][hits]
        if q_lic_n:
            hits = _hits_bound(lic_mask, lic_n, q_lic_mask, q_lic_n, n_licences)
            l0 = q_lic_n * (MAX_LICENCES + 1)
            sets_t += LICENCE_TABLE[l0 : l0 + MAX_LICENCES + 1][hits]

    # distance, the commute limit and the township filter: per (township, commute) value
    geo = codes.geo.values
    r_town = geo[:, 0].astype(np.int64)
    q_town = int(qc.town[0])
    d = q.distance[q_town, r_town]
    commute = np.full(r_town.shape, float(qc.commute[0])) if sq else geo[:, 1]
    known = (r_town >= 0) & (q_town >= 0)
    pts = distance_points(d, commute, known)
    too_far = known & ~np.isnan(commute) & (d > commute_cut(commute))
    geo_t = _r(pts)
    geo_t[too_far | ~q.town_ok[r_town]] = NEG_INF

    # pay (the hard pay floor, the minimum-pay filter): per (class, value, pay_hard) value
    pay = codes.pay.values
    if sq:
        s_cls = float(_PAY_CLASS[int(qc.pay_basis[0])])
        s_val = np.full(pay.shape[0], qc.pay_lo[0] * _PAY_TO_HOURLY[int(qc.pay_basis[0])])
        v_val = pay[:, 1]
        comparable = (s_cls >= 0) & (pay[:, 0] == s_cls)
        hard: bool | Bool = bool(qc.pay_hard[0])
    else:
        v_cls = float(_PAY_CLASS[int(qc.pay_basis[0])])
        v_val = np.full(pay.shape[0], qc.pay_hi[0] * _PAY_TO_HOURLY[int(qc.pay_basis[0])])
        s_val = pay[:, 1]
        comparable = (v_cls >= 0) & (pay[:, 0] == v_cls)
        hard = pay[:, 2] > 0
    with np.errstate(invalid="ignore"):
        comparable &= ~np.isnan(s_val) & ~np.isnan(v_val) & (s_val > 0)
        gap = np.where(comparable, (s_val - v_val) / np.where(s_val > 0, s_val, 1.0), 0.0)
    pay_pts = np.where(
        ~comparable,
        0.0,
        np.where(gap <= 0, W_PAY_OK, -W_PAY_SHORT * np.minimum(1.0, PAY_SHORT_SLOPE * gap)),
    )
    pay_t = _r(pay_pts)
    pay_t[hard & comparable & (gap > 0)] = NEG_INF
    if q.min_pay is not None:
        amount, basis = q.min_pay
        with np.errstate(invalid="ignore"):
            pay_ok = (pay[:, 0] == _PAY_CLASS[basis]) & (
                pay[:, 1] >= amount * _PAY_TO_HOURLY[basis]
            )
        pay_t[~pay_ok] = NEG_INF

    # experience: per value
    e = codes.exp.values[:, 0]
    have, need = (
        (np.full(e.shape, float(qc.exp[0])), e) if sq else (e, np.full(e.shape, float(qc.exp[0])))
    )
    with np.errstate(invalid="ignore"):
        exp_known = ~np.isnan(have) & ~np.isnan(need) & (need > 0)
        short = np.where(exp_known, (need - have) / np.where(need > 0, need, 1.0), 0.0)
    exp_pts = np.where(
        exp_known,
        np.where(short <= 0, W_EXPERIENCE_OK, -W_EXPERIENCE_SHORT * np.minimum(1.0, short)),
        0.0,
    )
    exp_t = _r(exp_pts)

    # availability: per value
    q_day = int(qc.day[0])
    days = codes.day.values[:, 0]
    if q_day > 0:
        ok = q_day <= days if sq else days <= q_day
        day_pts = np.where(days > 0, np.where(ok, W_AVAILABLE_OK, -W_AVAILABLE_LATE), 0.0)
        day_t = day_pts.astype(np.float32)
    else:
        day_t = np.zeros(days.shape, np.float32)

    # shifts (points, the hard shift filter, the shift request) by shifts + 256 × row_hard
    shift_t = _shift_tables(int(qc.shifts[0]), sq and bool(qc.shifts_hard[0]))
    if q.shift_mask:
        shift_t = shift_t.copy()
        shift_t[(np.arange(512) % 256 & q.shift_mask) == 0] = NEG_INF
    edu_t = _edu_table(int(qc.edu[0]), sq)

    ct = codes.c.ints
    c_t = np.take(exp_t, ct[0]) + np.take(edu_t, ct[1])
    c_t += np.take(shift_t, ct[2])
    at = codes.a.ints
    a_t = np.take(c_t, at[0]) + np.take(day_t, at[1])
    bt = codes.b.ints
    b_t = np.take(pay_t, bt[0]) + np.take(geo_t, bt[1])
    return Tables(
        occ=occ_t,
        sets=sets_t,
        a=_positive(a_t),
        b=_positive(b_t),
        a_raw=a_t,
        b_raw=b_t,
        key_closeness=np.asarray(key_c, np.float64),
        # seeker rows' strengths are 1 (0 for padding), on the table's grid: the per-tuple
        # points are their exact points
        tuple_points=None if sq else occ_points,
    )


def occupation_points(
    t: Tables, codes: SideCodes, occ_codes: NDArray[np.int32], occ_w: F64, rows_are_seekers: bool
) -> F64:
    """Exact occupation points of rows (their ``RowBounds.occ`` codes and, for vacancy rows,
    their exact strengths ``occ_w``) from the query's per-key closeness: the same float64 values
    as ``score_pairs`` (a max of the same products), without comparing codes per row."""
    if rows_are_seekers:  # strength 1: the tuple's points are the row's
        assert t.tuple_points is not None
        return np.asarray(np.take(t.tuple_points, occ_codes), np.float64)
    assert t.key_closeness is not None
    width = codes.occ_width
    keys = codes.occ.ints[:width, occ_codes]  # width × rows: the rows' key codes
    close = np.take(t.key_closeness, keys)
    best = np.zeros(occ_codes.shape)
    for j in range(width):
        np.maximum(best, occ_w[:, j] * close[j], out=best)
    return np.asarray(np.round(W_OCCUPATION * best, DECIMALS), np.float64)


def _positive(t: F32) -> F32:
    """max(t, 0) with -inf (excluded) kept."""
    return np.where(t == NEG_INF, NEG_INF, np.maximum(t, np.float32(0))).astype(np.float32)


def gather_bounds(t: Tables, rb: RowBounds, at: slice | I64) -> F32:
    """Upper bound of the score without the text points (and without the title points unless
    ``t.title`` is set) of rows ``at`` (a slice or row numbers): four or five gathers."""
    total = np.take(t.occ, rb.occ[at])
    part = np.empty_like(total)  # one buffer for the other gathers (no temporary per gather)
    for table, codes in ((t.sets, rb.sets), (t.a, rb.a), (t.b, rb.b), (t.title, rb.title)):
        if table is not None:
            np.take(table, codes[at], out=part)
            total += part
    return total


def bound_scores(
    q: Query, rb: RowBounds, codes: SideCodes, n: int, n_skills: int, n_licences: int
) -> F32:
    """Upper bound of the non-text score of rows ``0..n-1`` (float32, -inf = excluded or
    removed)."""
    return gather_bounds(query_tables(q, codes, n_skills, n_licences), rb, slice(0, n))


def _prefix_ok(occ: NDArray[np.int32], prefix: str) -> NDArray[np.bool_]:
    """Rows (of occupation keys, last axis) with a key under the 6th-rev. code ``prefix``."""
    unit = 10 ** (4 - len(prefix))
    lo = occupation_key(prefix) // 10
    code, level = occ.astype(np.int64) // 10, occ.astype(np.int64) % 10
    ok = (occ >= 0) & (level >= len(prefix)) & (code // unit == lo // unit)
    return np.asarray(ok.any(axis=1))


def text_bound(q: Columns, term_max: F32, title: bool = False) -> float:
    """Upper bound of the cosine of the query with any row: Σ_t q_t · max_row w_row,t, capped at
    1 + 1e-5 (float32 unit vectors can have a dot product a few 1e-7 above 1). ``title``: the
    same for the title columns (whose score is min(1, dot product))."""
    ids = q.title_ids[0] if title else q.text_ids[0]
    w = q.title_w[0] if title else q.text_w[0]
    sel = ids >= 0
    if not sel.any():
        return 0.0
    bound = float(np.dot(w[sel].astype(np.float64), term_max[ids[sel]]))
    return min(1.0 + 1e-5, bound)


def text_cosine(
    qv: NDArray[np.float64], rows: Columns, idx: I64, title: bool = False
) -> NDArray[np.float64]:
    """The cosine of the query (dense ``qv``) with rows ``idx``: the scorer's products, summed
    by ``einsum`` (twice as fast; the order of the sum may differ by a few 1e-16, which the
    bound's slack covers). ``title``: min(1, the dot product) of the title columns."""
    t_ids, t_w = (rows.title_ids, rows.title_w) if title else (rows.text_ids, rows.text_w)
    ids = np.take(t_ids, idx, axis=0)
    dot = np.einsum("ij,ij->i", np.take(qv, ids), np.take(t_w, idx, axis=0))
    return np.asarray(np.minimum(dot, 1.0) if title else dot, np.float64)


__all__ = [
    "BOUND_SLACK",
    "KEY_MARGIN",
    "W_TEXT",
    "Query",
    "RowBounds",
    "SideCodes",
    "Tables",
    "bound_scores",
    "gather_bounds",
    "query_tables",
    "text_bound",
    "text_cosine",
]
