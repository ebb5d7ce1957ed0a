"""All-pairs batch matching: top-k vacancies per seeker and top-k seekers per vacancy.

Pairs are scored in blocks with the same ``score_pairs`` as the queries (seekers on one axis,
vacancies on the other); text cosine and skill/licence overlaps come from chunked sparse matrix
products. Small sets are scored exhaustively; large sets are split by 3-digit occupation group
(小類): a vacancy meets the seekers who want a code in its 小類, or a wider group holding it.
Memory stays bounded by ``PAIR_CHUNK`` pairs per step plus the running top-k arrays.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from .features import Columns, PairInputs, score_key, score_pairs
from .index import MatchIndex

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
EXHAUSTIVE_PAIRS = 25_000_000
PAIR_CHUNK = 2_000_000
_NONE = np.iinfo(np.int64).min
WORKERS = 2  # scoring threads (the target machine has 2 cores)
_Group = tuple[Columns, sp.csr_matrix, sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]
_StepTop = tuple[tuple[I64, I64, F64], tuple[I64, I64, F64]]


@dataclass
class BatchResult:
    """Row ``i`` of ``seeker_top`` holds indices into ``vacancy_ids`` (-1 = none), best first."""

    seeker_ids: list[str]
    vacancy_ids: list[str]
    seeker_top: I64
    seeker_scores: F64
    vacancy_top: I64
    vacancy_scores: F64

    def for_seeker(self, seeker_id: str) -> list[tuple[str, float]]:
        i = self.seeker_ids.index(seeker_id)
        return [
            (self.vacancy_ids[j], float(s))
            for j, s in zip(self.seeker_top[i], self.seeker_scores[i], strict=True)
            if j >= 0
        ]

    def for_vacancy(self, vacancy_id: str) -> list[tuple[str, float]]:
        i = self.vacancy_ids.index(vacancy_id)
        return [
            (self.seeker_ids[j], float(s))
            for j, s in zip(self.vacancy_top[i], self.vacancy_scores[i], strict=True)
            if j >= 0
        ]


def _csr(ids: NDArray[np.int32], data: NDArray[np.generic], width: int) -> sp.csr_matrix:
    n, t = ids.shape
    cols = np.where(ids >= 0, ids, 0).reshape(-1)
    vals = np.where(ids >= 0, data, 0).astype(np.float64).reshape(-1)
    return sp.csr_matrix((vals, cols, np.arange(0, n * t + 1, t)), shape=(n, width))


def _grid(c: Columns, axis: int) -> Columns:
    arrays = {k: (a[:, None] if axis == 0 else a[None, :]) for k, a in c.arrays().items()}
    return Columns(**arrays)  # type: ignore[arg-type]


class _TopK:
    """Running best ``k`` (composite key, other index, score) per row."""

    def __init__(self, n: int, k: int) -> None:
        self.key = np.full((n, k), _NONE, np.int64)
        self.other = np.full((n, k), -1, np.int64)
        self.score = np.zeros((n, k))
        self.k = k

    def merge(self, rows: I64, key: I64, other: I64, score: F64) -> None:
        """``key``/``other``/``score`` are (len(rows), m) candidates for ``rows``."""
        all_key = np.concatenate([self.key[rows], key], axis=1)
        all_other = np.concatenate([self.other[rows], other], axis=1)
        all_score = np.concatenate([self.score[rows], score], axis=1)
        n = all_key.shape[1]
        top = np.argpartition(all_key, n - self.k, axis=1)[:, n - self.k :]
        self.key[rows] = np.take_along_axis(all_key, top, 1)
        self.other[rows] = np.take_along_axis(all_other, top, 1)
        self.score[rows] = np.take_along_axis(all_score, top, 1)

    def finish(self) -> tuple[I64, F64]:
        order = np.argsort(self.key, axis=1, kind="stable")[:, ::-1]
        other = np.take_along_axis(self.other, order, 1)
        score = np.take_along_axis(self.score, order, 1)
        key = np.take_along_axis(self.key, order, 1)
        other[key == _NONE] = -1
        score[key == _NONE] = np.nan
        return other, score


def _groups(index: MatchIndex, s_cols: Columns, v_cols: Columns) -> list[tuple[I64, I64]]:
    n_s, n_v = len(s_cols), len(v_cols)
    if n_s * n_v <= EXHAUSTIVE_PAIRS:
        return [(np.arange(n_s, dtype=np.int64), np.arange(n_v, dtype=np.int64))]
    v_key = v_cols.occ[:, 0].astype(np.int64)
    v_group = np.where(v_key >= 0, v_key // 100, -1)  # 3-digit code (小類)
    s_members: dict[int, list[I64]] = {}
    groups = np.unique(v_group[v_group >= 0])
    for j in range(s_cols.occ.shape[1]):
        key = s_cols.occ[:, j].astype(np.int64)
        level, code = key % 10, key // 10
        unit = 10 ** (3 - np.minimum(level, 3))  # level 4 and 3 → their 小類; 2 → 10 小類 …
        lo = np.where(key >= 0, code // 10 // unit * unit, -1)
        for g in groups.tolist():
            sel = (key >= 0) & (lo <= g) & (g < lo + unit)
            if sel.any():
                s_members.setdefault(g, []).append(np.flatnonzero(sel))
    out = []
    for g, parts in sorted(s_members.items()):
        vs = np.flatnonzero(v_group == g)
        if vs.size:
            out.append((np.unique(np.concatenate(parts)), vs))
    return out


def batch_top_k(
    index: MatchIndex,
    k: int = 20,
    progress: Callable[[int, int], None] | None = None,
    workers: int = WORKERS,
) -> BatchResult:
    """Top-``k`` both directions for every live seeker and every open, servable vacancy.

    ``workers`` threads score blocks concurrently; the result is the same for any number."""
    s_side, v_side = index.seekers, index.vacancies
    s_rows = np.flatnonzero(s_side.alive[: s_side.n])
    v_rows = np.flatnonzero(v_side.alive[: v_side.n])
    s_ids = [s_side.ids[i] for i in s_rows]
    v_ids = [v_side.ids[i] for i in v_rows]
    s_rows = s_rows[np.argsort(np.array(s_ids, dtype=object), kind="stable")]
    v_rows = v_rows[np.argsort(np.array(v_ids, dtype=object), kind="stable")]
    s_ids = [s_side.ids[i] for i in s_rows]  # local index order == id order: ties by id
    v_ids = [v_side.ids[i] for i in v_rows]
    s_cols, v_cols = s_side.cols.take(s_rows), v_side.cols.take(v_rows)
    width = index.model.size
    n_sk, n_lic = max(len(index.skills.names), 1), max(len(index.licences.names), 1)
    s_text, v_text = (
        _csr(s_cols.text_ids, s_cols.text_w, width),
        _csr(v_cols.text_ids, v_cols.text_w, width),
    )
    s_title, v_title = (
        _csr(s_cols.title_ids, s_cols.title_w, width),
        _csr(v_cols.title_ids, v_cols.title_w, width),
    )
    ones_s = np.ones(s_cols.skills.shape, np.float64)
    ones_v = np.ones(v_cols.skills.shape, np.float64)
    s_sk, v_sk = _csr(s_cols.skills, ones_s, n_sk), _csr(v_cols.skills, ones_v, n_sk)
    s_lic = _csr(s_cols.licences, np.ones(s_cols.licences.shape), n_lic)
    v_lic = _csr(v_cols.licences, np.ones(v_cols.licences.shape), n_lic)

    seeker_best = _TopK(len(s_ids), k)
    vacancy_best = _TopK(len(v_ids), k)
    m_v, m_s = len(v_ids) + 1, len(s_ids) + 1
    groups = _groups(index, s_cols, v_cols)
    steps = [
        (ss[a : a + max(1, PAIR_CHUNK // max(vs.size, 1))], vs)
        for ss, vs in groups
        for a in range(0, ss.size, max(1, PAIR_CHUNK // max(vs.size, 1)))
    ]
    group_cache: dict[int, _Group] = {}

    def group_of(vs: I64) -> _Group:
        got = group_cache.get(id(vs))
        if got is None:
            group_cache.clear()  # steps come group by group: keep only the current one
            got = group_cache[id(vs)] = (
                _grid(v_cols.take(vs), 1),
                v_text[vs].T.tocsr(),
                v_title[vs].T.tocsr(),
                v_sk[vs].T.tocsr(),
                v_lic[vs].T.tocsr(),
            )
        return got

    def score_step(ss: I64, vs: I64, group: _Group) -> _StepTop:
        vg, vt, vti, vsk, vlic = group
        sg = _grid(s_cols.take(ss), 0)
        pairs = PairInputs(
            text=(s_text[ss] @ vt).toarray(),
            title=np.minimum((s_title[ss] @ vti).toarray(), 1.0),
            skill_hits=(s_sk[ss] @ vsk).toarray().astype(np.int64),
            licence_hits=(s_lic[ss] @ vlic).toarray().astype(np.int64),
        )
        dist = index.distance[sg.town, vg.town]
        _factors, score, allowed = score_pairs(sg, vg, pairs, dist, index.related)
        micro = score_key(score)
        row_key = np.where(allowed, micro * m_v - vs[None, :], _NONE)
        col_key = np.where(allowed, micro * m_s - ss[:, None], _NONE)
        kk = min(k, vs.size)
        top = np.argpartition(row_key, vs.size - kk, axis=1)[:, vs.size - kk :]
        rows = (np.take_along_axis(row_key, top, 1), vs[top], np.take_along_axis(score, top, 1))
        kk = min(k, ss.size)
        top = np.argpartition(col_key, ss.size - kk, axis=0)[ss.size - kk :, :]
        cols = (
            np.take_along_axis(col_key, top, 0).T,
            ss[top].T,
            np.take_along_axis(score, top, 0).T,
        )
        return rows, cols

    def merge(done: int, ss: I64, vs: I64, result: _StepTop) -> None:
        (rk, ro, rs), (ck, co, cs) = result
        seeker_best.merge(ss, rk, ro, rs)
        vacancy_best.merge(vs, ck, co, cs)
        if progress is not None:
            progress(done + 1, len(steps))

    # Steps are independent; scoring runs on ``workers`` threads (the sparse products, sorts and
    # most ufuncs release the GIL), the running top-k merges stay in this thread, in step order,
    # so the result does not depend on the number of workers.
    workers = max(1, workers)
    if workers == 1 or len(steps) == 1:
        for done, (ss, vs) in enumerate(steps):
            merge(done, ss, vs, score_step(ss, vs, group_of(vs)))
    else:
        with ThreadPoolExecutor(workers) as pool:
            pending: deque[tuple[int, I64, I64, Future[_StepTop]]] = deque()
            for done, (ss, vs) in enumerate(steps):
                pending.append((done, ss, vs, pool.submit(score_step, ss, vs, group_of(vs))))
                if len(pending) > workers:
                    d, a, b, fut = pending.popleft()
                    merge(d, a, b, fut.result())
            while pending:
                d, a, b, fut = pending.popleft()
                merge(d, a, b, fut.result())
    s_top, s_score = seeker_best.finish()
    v_top, v_score = vacancy_best.finish()
    return BatchResult(s_ids, v_ids, s_top, s_score, v_top, v_score)
