"""In-memory two-sided match index with incremental updates and exact top-k queries.

Each side (vacancies, seekers) is a ``Columns`` store: rows are appended, never rewritten; a
replaced or removed record leaves a tombstone (``alive`` false). Next to the columns each side
keeps ``RowBounds`` (contiguous per-row columns for the bound pass, see ``retrieval.py``) and the
largest weight of every text term. A query bounds every row's score in one vectorised pass and
scores exactly only the rows whose bound can still beat the k-th best, so the result is the same
as scoring every row. ``compact()`` drops tombstones; it runs by itself when a quarter of the
rows are dead.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .explain import contributions, facts
from .features import (
    _PAY_CLASS,
    _PAY_TO_HOURLY,
    DECIMALS,
    FACTORS,
    PAY_CODES,
    W_TITLE,
    Columns,
    Lexicon,
    PairInputs,
    commute_cut,
    encode_seekers,
    encode_vacancies,
    relevance_scale,
    score_key,
    score_pairs,
    shift_mask,
)
from .geo import TownshipTable
from .ids import RowIds, freeze_list, freeze_rows
from .occupations import OccupationRelatedness
from .profiles import (
    Match,
    SeekerFilters,
    SeekerProfile,
    Taxonomy,
    VacancyFilters,
    VacancyRecord,
)
from .retrieval import (
    BOUND_SLACK,
    DEAD,
    KEY_MARGIN,
    W_TEXT,
    Query,
    RowBounds,
    SideCodes,
    Tables,
    _prefix_ok,
    gather_bounds,
    occupation_points,
    query_tables,
    text_bound,
    text_cosine,
)
from .text import TextModel, normalize, vocabulary_terms
from .titles import title_vectors, wish_names, wish_vectors

I64 = NDArray[np.int64]
EXHAUSTIVE_ROWS = 256  # at or below this many live rows a query scores every row directly
SEED_STRIDE = 16  # seeds of the threshold scan come from every 16th row's bound


def vacancy_text(v: VacancyRecord) -> str:
    return normalize(f"{v.title}\n{v.title}\n{v.description}")


def seeker_text(s: SeekerProfile, occupations: dict[str, str]) -> str:
    names = [occupations.get(c, "") for c in s.desired_occupations]
    return normalize(
        "\n".join(
            [s.experience_text, *names, *s.desired_names, *s.job_titles, *s.skills, *s.licences]
        )
    )


class Side:
    """One side's rows, tombstones, bound columns and text-term maxima."""

    def __init__(self, cols: Columns, ids: list[str], vocab_size: int, seekers: bool) -> None:
        self.cols = cols.resized(len(ids) + len(ids) // 4 + 1024)
        # row → id and id → row: a list and a dict when built here, arrays (``ids.py``) when
        # loaded from a snapshot; both answer the same
        self.ids: list[str] | RowIds = ids
        self.n = len(ids)
        self.row_of: MutableMapping[str, int] = {r: i for i, r in enumerate(ids)}
        self.alive = np.zeros(len(self.cols), np.bool_)
        self.alive[: self.n] = True
        self.vocab_size = vocab_size
        self.is_seekers = seekers
        self.codes = SideCodes(cols.occ.shape[1])
        self.bounds = RowBounds.of(self.cols, self.codes, seekers)
        self.term_max = np.zeros(vocab_size + 1, np.float32)
        self.title_max = np.zeros(vocab_size + 1, np.float32)
        self._raise_term_max(self.cols, slice(0, self.n))
        self.codes.titles.index(vocab_size)

    def _raise_term_max(self, cols: Columns, rows: slice) -> None:
        """``term_max[t]`` (``title_max[t]``) ≥ every row's weight of term t in its text (title)
        (never lowered by removals)."""
        for top, ids, weights in (
            (self.term_max, cols.text_ids[rows], cols.text_w[rows]),
            (self.title_max, cols.title_ids[rows], cols.title_w[rows]),
        ):
            sel = ids >= 0
            np.maximum.at(top, ids[sel], weights[sel])

    # -- updates -------------------------------------------------------------------------------
    def remove(self, record_id: str) -> None:
        row = self.row_of.pop(record_id, None)
        if row is not None:
            self.alive[row] = False
            self.bounds.occ[row] = DEAD

    def append(self, record_id: str, row_cols: Columns) -> None:
        self.remove(record_id)
        if self.n >= len(self.cols):
            self.cols = self.cols.resized(self.n * 2)
            self.bounds = self.bounds.resized(self.n * 2)
            alive = np.zeros(len(self.cols), np.bool_)
            alive[: self.n] = self.alive[: self.n]
            self.alive = alive
        self.cols.put(self.n, row_cols)
        self.bounds.put(self.n, RowBounds.of(row_cols, self.codes, self.is_seekers))
        self._raise_term_max(row_cols, slice(None))
        self.alive[self.n] = True
        self.row_of[record_id] = self.n
        self.ids.append(record_id)
        self.n += 1
        dead = self.n - len(self.row_of)
        if dead > self.n // 4 + 1024:
            self.compact()

    def compact(self) -> None:
        keep = np.flatnonzero(self.alive[: self.n])
        cols = self.cols.take(keep)
        ids = self.ids.take(keep) if isinstance(self.ids, RowIds) else [self.ids[i] for i in keep]
        self.__init__(cols, ids, self.vocab_size, self.is_seekers)  # type: ignore[misc]

    @property
    def live_count(self) -> int:
        return len(self.row_of)

    # -- pickling (the match index snapshot) ------------------------------------------------
    def __getstate__(self) -> dict[str, object]:
        """The id lookups as arrays (``ids.py``): a process that loads the snapshot maps them
        instead of rebuilding a million-entry dict and list."""
        state = dict(self.__dict__)
        state["ids"] = freeze_list(self.ids)
        state["row_of"] = freeze_rows(self.row_of)
        return state


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
        related: OccupationRelatedness | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.related = related
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
        v_cols.title_ids, v_cols.title_w = title_vectors(model, [v.title for v in served])
        s_cols = encode_seekers(seekers, towns.index, skills, licences)
        s_cols.text_ids, s_cols.text_w = model.transform(s_docs)
        del s_docs
        s_cols.title_ids, s_cols.title_w = wish_vectors(
            model, [wish_names(s, taxonomy.occupations) for s in seekers]
        )
        keys = v_cols.occ.astype(np.int64)
        related = OccupationRelatedness.learn_arrays(
            taxonomy.occupations, np.where(keys >= 0, keys // 10, -1), v_cols.occ_w
        )
        return cls(
            taxonomy,
            model,
            towns,
            skills,
            licences,
            Side(v_cols, [v.id for v in served], model.size, seekers=False),
            Side(s_cols, [s.id for s in seekers], model.size, seekers=True),
            related,
        )

    # -- updates -------------------------------------------------------------------------------
    def _vacancy_cols(self, v: VacancyRecord) -> Columns:
        cols = encode_vacancies([v], self.towns.index, self.skills, self.licences)
        cols.text_ids, cols.text_w = self.model.transform([vacancy_text(v)])
        cols.title_ids, cols.title_w = title_vectors(self.model, [v.title])
        return cols

    def _seeker_cols(self, s: SeekerProfile) -> Columns:
        cols = encode_seekers([s], self.towns.index, self.skills, self.licences)
        cols.text_ids, cols.text_w = self.model.transform(
            [seeker_text(s, self.taxonomy.occupations)]
        )
        cols.title_ids, cols.title_w = wish_vectors(
            self.model, [wish_names(s, self.taxonomy.occupations)]
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
        self,
        seeker: SeekerProfile,
        k: int = 20,
        filters: VacancyFilters | None = None,
        *,
        within: Callable[[str], bool] | None = None,
        of_best: int | None = None,
    ) -> list[Match]:
        """The ``k`` best vacancies for ``seeker``. With ``within`` (e.g. the user's scope): the
        ``k`` best of the ``of_best`` best rows whose id it accepts, only those explained."""
        q = self._seeker_cols(seeker)
        f = filters or VacancyFilters()
        query = Query(
            q,
            True,
            self._town_mask(f.county, f.townships, q, seeker_side=True),
            self.distance,
            occupation_prefix=f.occupation_prefix or None,
            min_pay=None if f.min_pay is None else (f.min_pay, PAY_CODES[f.pay_basis]),
            shift_mask=shift_mask(f.shifts) if f.shifts else 0,
            related=self.related,
        )
        return self._top(query, self.vacancies, k, within, of_best)

    def top_seekers(
        self,
        vacancy: VacancyRecord,
        k: int = 20,
        filters: SeekerFilters | None = None,
        *,
        within: Callable[[str], bool] | None = None,
        of_best: int | None = None,
    ) -> list[Match]:
        """The ``k`` best seekers for ``vacancy``; ``within``, ``of_best`` as in
        :meth:`top_vacancies`."""
        if not vacancy.servable:
            return []
        q = self._vacancy_cols(vacancy)
        f = filters or SeekerFilters()
        query = Query(
            q,
            False,
            self._town_mask(f.county, f.townships, q, seeker_side=False),
            self.distance,
            occupation_prefix=f.occupation_prefix or None,
            shift_mask=shift_mask(f.shifts) if f.shifts else 0,
            related=self.related,
        )
        return self._top(query, self.seekers, k, within, of_best)

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
            mask[:n] &= self.towns.within(int(q.town[0]), float(commute_cut(q.commute[0])))
        return mask

    def _top(
        self,
        query: Query,
        side: Side,
        k: int,
        within: Callable[[str], bool] | None = None,
        of_best: int | None = None,
    ) -> list[Match]:
        """Exact top-k: every row scored below ``EXHAUSTIVE_ROWS`` live rows, else bound-pruned.
        With ``within``: the top ``of_best`` (at least k) found, then the k of them it accepts."""
        shown = k
        if within is not None:
            k = max(k, of_best or k)
        n = side.n
        q, sq = query.cols, query.seeker_is_query
        if k <= 0 or side.live_count == 0:
            return []
        qv = _QueryVectors(self._query_vector(q), self._query_vector(q, title=True))
        if side.live_count <= EXHAUSTIVE_ROWS:
            rows = np.flatnonzero(_requested(side, query)).astype(np.int64)
            best = self._exact(q, qv, side, rows, sq)
        else:
            tables = query_tables(
                query, side.codes, len(self.skills.names), len(self.licences.names)
            )
            title_ub = side.codes.titles.bound(q.title_ids[0], q.title_w[0], qv.title)
            tables.title = np.round(W_TITLE * title_ub.astype(np.float64), DECIMALS).astype(
                np.float32
            ) + np.float32(1e-5)
            bound = gather_bounds(tables, side.bounds, slice(0, n))
            best = self._threshold(q, qv, side, tables, bound, k, sq)
        return self._rank(q, best, side, k, sq, within, shown)

    def _query_vector(self, q: Columns, title: bool = False) -> NDArray[np.float64]:
        qv = np.zeros(self.model.size + 1)
        ids, w = (q.title_ids[0], q.title_w[0]) if title else (q.text_ids[0], q.text_w[0])
        qv[ids[ids >= 0]] = w[ids >= 0]
        return qv

    def _exact(
        self,
        q: Columns,
        qv: _QueryVectors,
        side: Side,
        rows: I64,
        seeker_is_query: bool,
        tables: Tables | None = None,
    ) -> _Scored:
        """Exact scores of ``rows`` (those a hard filter allows); with the query's ``tables``
        the occupation points come from its per-key closeness (the same values)."""
        other = side.cols.take(rows)
        s, v = (q, other) if seeker_is_query else (other, q)
        pairs = query_pair_inputs(q, other, self.model.size, qv.text, qv.title)
        dist = np.broadcast_to(self.distance[s.town, v.town], rows.shape)
        occ = None if tables is None else self._occupation_points(side, tables, rows)
        factors, score, allowed = score_pairs(s, v, pairs, dist, self.related, occ)
        points = np.stack(factors, axis=1) if rows.size else np.zeros((0, len(factors)))
        return _Scored(rows, points, score, dist).select(allowed)

    def _threshold(
        self,
        q: Columns,
        qv: _QueryVectors,
        side: Side,
        tables: Tables,
        bound: NDArray[np.float32],
        k: int,
        seeker_is_query: bool,
    ) -> _Scored:
        """The exact top-k (and every row tied with the k-th), scored, given the non-text upper
        bound of every row (-inf = excluded)."""
        n = bound.shape[0]
        best = _Scored.empty(len(FACTORS))

        def add(rows: I64) -> float:
            """Score ``rows`` exactly, keep the k best (ties kept), return the k-th score."""
            nonlocal best
            best = best.merge(self._exact(q, qv, side, rows, seeker_is_query, tables))
            if best.rows.size < k:
                return -np.inf
            keys = score_key(best.score)
            kth = np.partition(keys, keys.size - k)[keys.size - k]
            keep = keys >= kth
            best = best.select(keep)
            return float(best.score[keys[keep] == kth][0])

        # 1. seed: the rows with the highest bounds give a first k-th score (a lower bound)
        # (any rows give a valid lower bound; a strided sample's k-th bound finds good ones
        # without a selection over all rows)
        sample = bound[::SEED_STRIDE] if n > SEED_STRIDE * 4 * k else bound
        m = min(sample.size, k)
        top = np.partition(sample, sample.size - m)[sample.size - m]
        seed = np.flatnonzero(bound >= top) if top > -np.inf else np.flatnonzero(bound > -np.inf)
        if seed.size > 2 * k:
            top = np.partition(bound[seed], seed.size - 2 * k)[seed.size - 2 * k]
            seed = seed[bound[seed] >= top]
        seed = seed[: 8 * k].astype(np.int64)
        theta = add(seed)
        # 2. rows whose bound (title points included) plus the largest possible text points can
        # reach the k-th score
        u = W_TEXT * text_bound(q, side.term_max)
        floor = theta - u - BOUND_SLACK
        cand = (
            np.flatnonzero(bound >= floor) if floor > -np.inf else np.flatnonzero(bound > -np.inf)
        )
        cand = cand[~_member(cand, seed)].astype(np.int64)
        # 3. a tighter bound of those: their exact occupation points (for vacancy rows the table
        # read strengths rounded up; seeker rows' are exact within float32 rounding, which the
        # slack covers), the scale of the logistics points between scale(occupation) and
        # scale(occupation + title bound)
        rb = side.bounds
        assert tables.title is not None
        occ = self._occupation_points(side, tables, cand)
        sets = np.take(tables.sets, rb.sets[cand]).astype(np.float64)
        logistics = np.take(tables.a_raw, rb.a[cand]).astype(np.float64)
        logistics += np.take(tables.b_raw, rb.b[cand])
        title_ub = np.take(tables.title, rb.title[cand]).astype(np.float64)
        scaled = np.where(
            logistics >= 0,
            relevance_scale(occ + title_ub) * logistics,
            relevance_scale(occ) * logistics,
        )
        keep = occ + sets + title_ub + u + scaled + BOUND_SLACK >= theta - KEY_MARGIN
        cand, occ, sets, logistics = cand[keep], occ[keep], sets[keep], logistics[keep]
        # 4. their bound with the exact text and title points and the scale they give, best
        # first; score until none can beat θ
        title = W_TITLE * text_cosine(qv.title, side.cols, cand, title=True)
        ub = (
            occ
            + title
            + W_TEXT * text_cosine(qv.text, side.cols, cand)
            + sets
            + relevance_scale(occ + title) * logistics
            + BOUND_SLACK
        )
        keep = ub >= theta - KEY_MARGIN
        cand, ub = cand[keep], ub[keep]
        order = np.argsort(-ub, kind="stable")
        i, block = 0, 2 * k
        while i < order.size and ub[order[i]] >= theta - KEY_MARGIN:
            theta = add(cand[order[i : i + block]])
            i += block
            block *= 2
        return best

    def _occupation_points(self, side: Side, tables: Tables, rows: I64) -> NDArray[np.float64]:
        """The exact occupation points of ``rows`` against the query (as ``score_pairs``),
        from the query's closeness per distinct occupation key."""
        occ_w = np.take(side.cols.occ_w, rows, axis=0)
        return occupation_points(tables, side.codes, side.bounds.occ[rows], occ_w, side.is_seekers)

    def _rank(
        self,
        q: Columns,
        best: _Scored,
        side: Side,
        k: int,
        seeker_is_query: bool,
        within: Callable[[str], bool] | None = None,
        shown: int | None = None,
    ) -> list[Match]:
        """The k best of ``best`` by score, then id, with their explanations; with ``within``,
        the first ``shown`` of those it accepts (only they are explained)."""
        if best.rows.size == 0 or k <= 0:
            return []
        keys = score_key(best.score).tolist()
        ids = [side.ids[r] for r in best.rows.tolist()]
        ordered = sorted(range(len(ids)), key=lambda i: (-keys[i], ids[i]))[:k]
        if within is not None:
            ordered = [i for i in ordered if within(ids[i])][: k if shown is None else shown]
            if not ordered:
                return []
        at = np.array(ordered, np.int64)
        q_facts = facts(q, np.zeros(1, np.int64))[0]
        out = []
        for i, r_facts, d, pts, score in zip(
            ordered,
            facts(side.cols, best.rows[at]),
            best.dist[at].tolist(),
            best.points[at].tolist(),
            best.score[at].tolist(),
            strict=True,
        ):
            s1, v1 = (q_facts, r_facts) if seeker_is_query else (r_facts, q_facts)
            expl = contributions(pts, s1, v1, d, self.skills, self.licences, self.related)
            out.append(Match(ids[i], score, expl))
        return out


@dataclass
class _QueryVectors:
    """The query's text and title term vectors, dense over the vocabulary."""

    text: NDArray[np.float64]
    title: NDArray[np.float64]


@dataclass
class _Scored:
    """Exactly scored rows: row numbers, per-factor points (rows × factors), score, distance."""

    rows: I64
    points: NDArray[np.float64]
    score: NDArray[np.float64]
    dist: NDArray[np.float64]

    @classmethod
    def empty(cls, n_factors: int) -> _Scored:
        return cls(np.zeros(0, np.int64), np.zeros((0, n_factors)), np.zeros(0), np.zeros(0))

    def select(self, which: NDArray[np.bool_] | I64) -> _Scored:
        return _Scored(self.rows[which], self.points[which], self.score[which], self.dist[which])

    def merge(self, other: _Scored) -> _Scored:
        if self.rows.size == 0:
            return other
        return _Scored(
            np.concatenate([self.rows, other.rows]),
            np.concatenate([self.points, other.points]),
            np.concatenate([self.score, other.score]),
            np.concatenate([self.dist, other.dist]),
        )


def _member(values: I64, sorted_set: I64) -> NDArray[np.bool_]:
    """``values`` ∈ ``sorted_set`` (ascending)."""
    if sorted_set.size == 0:
        return np.zeros(values.shape, np.bool_)
    at = np.minimum(np.searchsorted(sorted_set, values), sorted_set.size - 1)
    return np.asarray(sorted_set[at] == values)


def _dense(ids: NDArray[np.int32], w: NDArray[np.float32], vocab_size: int) -> NDArray[np.float64]:
    out = np.zeros(vocab_size + 1)
    out[ids[ids >= 0]] = w[ids >= 0]
    return out


def query_pair_inputs(
    q: Columns,
    other: Columns,
    vocab_size: int,
    qv: NDArray[np.float64] | None = None,
    tv: NDArray[np.float64] | None = None,
) -> PairInputs:
    """Text cosine, title score and skill/licence overlaps of one query row against many rows."""
    if qv is None:
        qv = _dense(q.text_ids[0], q.text_w[0], vocab_size)
    if tv is None:
        tv = _dense(q.title_ids[0], q.title_w[0], vocab_size)
    text = (qv[other.text_ids] * other.text_w).sum(axis=1)
    title = np.minimum((tv[other.title_ids] * other.title_w).sum(axis=1), 1.0)
    return PairInputs(
        text=text,
        title=title,
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


def _requested(side: Side, query: Query) -> NDArray[np.bool_]:
    """Live rows in the query's townships that pass its request filters, decided per row from
    the columns (the reference the bound tables are tested against)."""
    n, c = side.n, side.cols
    ok = side.alive[:n] & query.town_ok[c.town[:n]]
    if query.occupation_prefix:  # a vacancy's first code, any of a seeker's
        ok &= _prefix_ok(c.occ[:n] if side.is_seekers else c.occ[:n, :1], query.occupation_prefix)
    if query.min_pay is not None:
        amount, basis = query.min_pay
        vb = c.pay_basis[:n]
        value = c.pay_hi[:n] * _PAY_TO_HOURLY[vb]
        ok &= (_PAY_CLASS[vb] == _PAY_CLASS[basis]) & (value >= amount * _PAY_TO_HOURLY[basis])
    if query.shift_mask:
        ok &= (c.shifts[:n] & query.shift_mask) > 0
    return ok
