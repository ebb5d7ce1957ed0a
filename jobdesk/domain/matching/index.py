"""In-memory two-sided match index with incremental updates.

Each side (vacancies, seekers) is a ``Columns`` store: rows are appended, never rewritten; a
replaced or removed record leaves a tombstone (``alive`` false). Rows ``< n_base`` are covered
by sorted postings (occupation keys, townships, impact-ordered text terms); newer rows (the
delta) are scanned in full. ``compact()`` drops tombstones and re-covers the delta; it runs by
itself when the delta passes ``DELTA_MAX`` rows or a quarter of the rows are dead.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .explain import contributions
from .features import (
    Columns,
    Lexicon,
    PairInputs,
    encode_seekers,
    encode_vacancies,
    occupation_key,
    score_key,
    score_pairs,
)
from .geo import TownshipTable
from .profiles import (
    Match,
    SeekerFilters,
    SeekerProfile,
    Taxonomy,
    VacancyFilters,
    VacancyRecord,
)
from .text import TextModel, normalize, unique_sorted, vocabulary_terms

I64 = NDArray[np.int64]
EXHAUSTIVE_ROWS = 5_000  # at or below this many rows a query scores every row
CANDIDATE_TARGET = 3_000  # widen occupation tiers until this many candidates
RECALL_TERMS = 8  # text recall: the query's strongest terms …
RECALL_DEPTH = 300  # … and the best rows of each term's impact-ordered postings
DELTA_MAX = 20_000


def vacancy_text(v: VacancyRecord) -> str:
    return normalize(f"{v.title}\n{v.title}\n{v.description}")


def seeker_text(s: SeekerProfile, occupations: dict[str, str]) -> str:
    names = [occupations.get(c, "") for c in s.desired_occupations]
    return normalize("\n".join([s.experience_text, *names, *s.skills, *s.licences]))


class Side:
    """One side's rows, tombstones and postings."""

    def __init__(self, cols: Columns, ids: list[str], vocab_size: int) -> None:
        self.cols = cols.resized(len(ids) + len(ids) // 4 + 1024)
        self.ids = ids
        self.n = len(ids)
        self.row_of = {r: i for i, r in enumerate(ids)}
        self.alive = np.zeros(len(self.cols), np.bool_)
        self.alive[: self.n] = True
        self.vocab_size = vocab_size
        self._index()

    def _index(self) -> None:
        n = self.n_base = self.n
        occ = self.cols.occ[:n]
        rows = np.repeat(np.arange(n, dtype=np.int64), occ.shape[1])
        keys = occ.reshape(-1).astype(np.int64)
        order = np.argsort(keys, kind="stable")
        keep = keys[order] >= 0
        self.occ_keys, self.occ_rows = keys[order][keep], rows[order][keep]
        town = self.cols.town[:n].astype(np.int64)
        order = np.argsort(town, kind="stable")
        self.town_keys, self.town_rows = town[order], order.astype(np.int64)
        tid = self.cols.text_ids[:n].reshape(-1).astype(np.int64)
        quant = (self.cols.text_w[:n].reshape(-1) * 1e6).astype(np.int64)
        trow = np.repeat(np.arange(n, dtype=np.int64), self.cols.text_ids.shape[1])
        sel = tid >= 0
        tid, quant, trow = tid[sel], quant[sel], trow[sel]
        order = np.argsort((tid << 24) | (0xFFFFFF - np.minimum(quant, 0xFFFFFF)), kind="stable")
        self.term_rows = trow[order]
        self.term_ptr = np.searchsorted(tid[order], np.arange(self.vocab_size + 1))

    # -- updates -------------------------------------------------------------------------------
    def remove(self, record_id: str) -> None:
        row = self.row_of.pop(record_id, None)
        if row is not None:
            self.alive[row] = False

    def append(self, record_id: str, row_cols: Columns) -> None:
        self.remove(record_id)
        if self.n >= len(self.cols):
            self.cols = self.cols.resized(self.n * 2)
            alive = np.zeros(len(self.cols), np.bool_)
            alive[: self.n] = self.alive[: self.n]
            self.alive = alive
        self.cols.put(self.n, row_cols)
        self.alive[self.n] = True
        self.row_of[record_id] = self.n
        self.ids.append(record_id)
        self.n += 1
        dead = self.n - len(self.row_of)
        if self.n - self.n_base > DELTA_MAX or dead > self.n // 4 + 1024:
            self.compact()

    def compact(self) -> None:
        keep = np.flatnonzero(self.alive[: self.n])
        cols = self.cols.take(keep)
        self.__init__(cols, [self.ids[i] for i in keep], self.vocab_size)  # type: ignore[misc]

    @property
    def live_count(self) -> int:
        return len(self.row_of)

    # -- candidates ----------------------------------------------------------------------------
    def rows_for_ranges(self, ranges: list[tuple[int, int]]) -> I64:
        parts = []
        for lo, hi in ranges:
            a, b = np.searchsorted(self.occ_keys, [lo, hi])
            parts.append(self.occ_rows[a:b])
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def rows_for_towns(self, towns: NDArray[np.bool_]) -> I64:
        wanted = np.flatnonzero(towns)
        a = np.searchsorted(self.town_keys, wanted)
        b = np.searchsorted(self.town_keys, wanted + 1)
        parts = [self.town_rows[x:y] for x, y in zip(a.tolist(), b.tolist(), strict=True)]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def text_recall(self, ids: NDArray[np.int32]) -> I64:
        parts = []
        for t in ids[:RECALL_TERMS].tolist():
            if t >= 0:
                start = int(self.term_ptr[t])
                stop = min(int(self.term_ptr[t + 1]), start + RECALL_DEPTH)
                parts.append(self.term_rows[start:stop])
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def delta_rows(self) -> I64:
        return np.arange(self.n_base, self.n, dtype=np.int64)


def seeker_tiers(keys: list[int]) -> list[list[tuple[int, int]]]:
    """Vacancy-key ranges for a seeker's desired keys, narrowest tier first."""
    tiers: list[list[tuple[int, int]]] = [[], [], [], []]
    for key in keys:
        code, level = key // 10, key % 10
        tiers[0].append((code * 10, (code + 10 ** (4 - level)) * 10))
        for t, digits in ((1, 3), (2, 2), (3, 1)):
            if level >= digits:
                unit = 10 ** (4 - digits)
                tiers[t].append((code // unit * unit * 10, (code // unit + 1) * unit * 10))
    return [functools.reduce(operator.iadd, tiers[: i + 1], []) for i in range(4)]


def vacancy_tiers(key: int) -> list[list[tuple[int, int]]]:
    """Seeker-key ranges for a vacancy's key, narrowest tier first."""
    code = key // 10
    exact = [(key, key + 1)] + [
        ((code // 10**d) * 10**d * 10 + (4 - d), (code // 10**d) * 10**d * 10 + (4 - d) + 1)
        for d in (1, 2, 3)
    ]
    tiers = [exact]
    for d in (1, 2, 3):
        unit = 10**d
        tiers.append(tiers[-1] + [(code // unit * unit * 10, (code // unit + 1) * unit * 10)])
    return tiers


@dataclass
class _Query:
    cols: Columns
    keys: list[int]


class MatchIndex:
    """Both directions of matching over in-memory seekers and vacancies."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        model: TextModel,
        towns: TownshipTable,
        skills: Lexicon,
        licences: Lexicon,
        vacancies: Side,
        seekers: Side,
    ) -> None:
        self.taxonomy = taxonomy
        self.model = model
        self.towns = towns
        self.skills = skills
        self.licences = licences
        self.vacancies = vacancies
        self.seekers = seekers
        n = len(towns)
        self.distance = np.zeros((n + 1, n + 1))
        self.distance[:n, :n] = towns.distance

    @classmethod
    def build(
        cls,
        vacancies: Sequence[VacancyRecord],
        seekers: Sequence[SeekerProfile],
        taxonomy: Taxonomy,
    ) -> MatchIndex:
        towns = TownshipTable(taxonomy.townships)
        served = [v for v in vacancies if v.servable]
        skills, licences = Lexicon(), Lexicon()
        terms = vocabulary_terms(
            [
                *taxonomy.occupations.values(),
                *taxonomy.extra_terms,
                *{x for v in served for x in (*v.skills, *v.licences)},
                *{x for s in seekers for x in (*s.skills, *s.licences)},
            ]
        )
        v_docs = [vacancy_text(v) for v in served]
        s_docs = [seeker_text(s, taxonomy.occupations) for s in seekers]
        model = TextModel.fit([*v_docs, *s_docs], terms)
        v_cols = encode_vacancies(served, towns.index, skills, licences)
        v_cols.text_ids, v_cols.text_w = model.transform(v_docs)
        del v_docs
        s_cols = encode_seekers(seekers, towns.index, skills, licences)
        s_cols.text_ids, s_cols.text_w = model.transform(s_docs)
        del s_docs
        return cls(
            taxonomy,
            model,
            towns,
            skills,
            licences,
            Side(v_cols, [v.id for v in served], model.size),
            Side(s_cols, [s.id for s in seekers], model.size),
        )

    # -- updates -------------------------------------------------------------------------------
    def _vacancy_cols(self, v: VacancyRecord) -> Columns:
        cols = encode_vacancies([v], self.towns.index, self.skills, self.licences)
        cols.text_ids, cols.text_w = self.model.transform([vacancy_text(v)])
        return cols

    def _seeker_cols(self, s: SeekerProfile) -> Columns:
        cols = encode_seekers([s], self.towns.index, self.skills, self.licences)
        cols.text_ids, cols.text_w = self.model.transform(
            [seeker_text(s, self.taxonomy.occupations)]
        )
        return cols

    def upsert_vacancy(self, vacancy: VacancyRecord) -> None:
        """Visible to the next query; a closed or blocked vacancy is removed instead."""
        if not vacancy.servable:
            self.vacancies.remove(vacancy.id)
        else:
            self.vacancies.append(vacancy.id, self._vacancy_cols(vacancy))

    def remove_vacancy(self, vacancy_id: str) -> None:
        self.vacancies.remove(vacancy_id)

    def upsert_seeker(self, seeker: SeekerProfile) -> None:
        self.seekers.append(seeker.id, self._seeker_cols(seeker))

    def remove_seeker(self, seeker_id: str) -> None:
        self.seekers.remove(seeker_id)

    def compact(self) -> None:
        self.vacancies.compact()
        self.seekers.compact()

    # -- queries -------------------------------------------------------------------------------
    def top_vacancies(
        self, seeker: SeekerProfile, k: int = 20, filters: VacancyFilters | None = None
    ) -> list[Match]:
        q = self._seeker_cols(seeker)
        f = filters or VacancyFilters()
        side = self.vacancies
        town_ok = self._town_mask(f.county, f.townships, q, seeker_side=True)
        keys = [int(x) for x in q.occ[0] if x >= 0]
        cand = self._candidates(side, seeker_tiers(keys) if keys else [], q, town_ok)
        v = side.cols
        ok = side.alive[cand] & town_ok[v.town[cand]]
        if f.occupation_prefix:
            ok &= _prefix_ok(v.occ[cand], f.occupation_prefix)
        if f.min_pay is not None:
            ok &= _pay_at_least(v, cand, f.min_pay, f.pay_basis)
        if f.shifts:
            from .features import shift_mask

            ok &= (v.shifts[cand] & shift_mask(f.shifts)) > 0
        cand = cand[ok]
        return self._rank(q, side.cols.take(cand), cand, side, k, seeker_is_query=True)

    def top_seekers(
        self, vacancy: VacancyRecord, k: int = 20, filters: SeekerFilters | None = None
    ) -> list[Match]:
        if not vacancy.servable:
            return []
        q = self._vacancy_cols(vacancy)
        f = filters or SeekerFilters()
        side = self.seekers
        town_ok = self._town_mask(f.county, f.townships, q, seeker_side=False)
        key = int(q.occ[0, 0])
        cand = self._candidates(side, vacancy_tiers(key) if key >= 0 else [], q, town_ok)
        s = side.cols
        ok = side.alive[cand] & town_ok[s.town[cand]]
        if f.occupation_prefix:
            ok &= _prefix_ok(s.occ[cand], f.occupation_prefix)
        if f.shifts:
            from .features import shift_mask

            ok &= (s.shifts[cand] & shift_mask(f.shifts)) > 0
        cand = cand[ok]
        return self._rank(q, side.cols.take(cand), cand, side, k, seeker_is_query=False)

    def _town_mask(
        self, county: str | None, zips: frozenset[str], q: Columns, seeker_side: bool
    ) -> NDArray[np.bool_]:
        n = len(self.towns)
        mask = np.ones(n + 1, np.bool_)
        explicit = self.towns.mask_for(county, zips)
        if explicit is not None:
            mask[:n] = explicit
            mask[n] = False
        if seeker_side and q.town[0] >= 0 and not np.isnan(q.commute[0]):
            mask[:n] &= self.towns.within(int(q.town[0]), float(q.commute[0]))
        return mask

    def _candidates(
        self,
        side: Side,
        tiers: list[list[tuple[int, int]]],
        q: Columns,
        town_ok: NDArray[np.bool_],
    ) -> I64:
        if side.live_count <= EXHAUSTIVE_ROWS:
            return np.flatnonzero(side.alive[: side.n]).astype(np.int64)
        parts = [side.text_recall(q.text_ids[0]), side.delta_rows()]
        found = np.zeros(0, np.int64)
        for ranges in tiers:
            found = side.rows_for_ranges(ranges)
            found = found[town_ok[side.cols.town[found]] & side.alive[found]]
            if found.size >= CANDIDATE_TARGET:
                break
        parts.append(found)
        if not tiers and not town_ok.all():
            parts.append(side.rows_for_towns(town_ok[:-1])[: CANDIDATE_TARGET * 4])
        elif not tiers:
            parts.append(np.flatnonzero(side.alive[: side.n])[:CANDIDATE_TARGET])
        return unique_sorted(np.concatenate(parts))

    def _rank(
        self, q: Columns, other: Columns, rows: I64, side: Side, k: int, seeker_is_query: bool
    ) -> list[Match]:
        if rows.size == 0 or k <= 0:
            return []
        s, v = (q, other) if seeker_is_query else (other, q)
        pairs = query_pair_inputs(q, other, self.model.size)
        dist = self.distance[s.town, v.town]
        factors, score, allowed = score_pairs(s, v, pairs, dist)
        keys = score_key(score)
        idx = np.flatnonzero(allowed)
        if idx.size > k:
            kth = np.partition(keys[idx], idx.size - k)[idx.size - k]
            idx = idx[keys[idx] >= kth]
        ordered = sorted(idx.tolist(), key=lambda i: (-int(keys[i]), side.ids[rows[i]]))[:k]
        out = []
        for i in ordered:
            one = other.take(np.array([i]))
            s1, v1 = (q, one) if seeker_is_query else (one, q)
            points = [float(f[i]) for f in factors]
            expl = contributions(
                points, s1, v1, float(dist[i] if dist.ndim else dist), self.skills, self.licences
            )
            out.append(Match(side.ids[rows[i]], float(score[i]), expl))
        return out


def query_pair_inputs(q: Columns, other: Columns, vocab_size: int) -> PairInputs:
    """Text cosine and skill/licence overlaps of one query row against many rows."""
    qv = np.zeros(vocab_size + 1)
    ids = q.text_ids[0]
    qv[ids[ids >= 0]] = q.text_w[0][ids >= 0]
    text = (qv[other.text_ids] * other.text_w).sum(axis=1)
    return PairInputs(
        text=text,
        skill_hits=_hits(other.skills, q.skills[0]),
        licence_hits=_hits(other.licences, q.licences[0]),
    )


def _hits(rows: NDArray[np.int32], query: NDArray[np.int32]) -> I64:
    wanted = query[query >= 0]
    if wanted.size == 0:
        return np.zeros(rows.shape[0], np.int64)
    hits = np.zeros(rows.shape[0], np.int64)
    for w in wanted.tolist():  # at most 8 wanted ids: a compare per id beats np.isin
        hits += (rows == w).any(axis=1)
    return hits


def _prefix_ok(occ: NDArray[np.int32], prefix: str) -> NDArray[np.bool_]:
    unit = 10 ** (4 - len(prefix))
    lo = occupation_key(prefix) // 10
    code, level = occ.astype(np.int64) // 10, occ.astype(np.int64) % 10
    ok = (occ >= 0) & (level >= len(prefix)) & (code // unit == lo // unit)
    return np.asarray(ok.any(axis=1))


def _pay_at_least(v: Columns, cand: I64, min_pay: int, basis: str) -> NDArray[np.bool_]:
    from .features import _PAY_CLASS, _PAY_TO_HOURLY, PAY_CODES

    b = PAY_CODES[basis]
    vb = v.pay_basis[cand]
    same = _PAY_CLASS[vb] == _PAY_CLASS[b]
    value = v.pay_hi[cand] * _PAY_TO_HOURLY[vb]
    return np.asarray(same & (value >= min_pay * _PAY_TO_HOURLY[b]))
