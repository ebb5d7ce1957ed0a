"""Title evidence for the bound pass: distinct title vectors as codes, with postings.

A vacancy's title (a seeker's wished and past job names) is a short term vector. Titles repeat
(照顧服務員, 門市人員 …), so each side keeps its distinct vectors as int32 codes (one per row, in
``RowBounds.title``) and an inverted list term → (code, weight) over them. Per query the title
score of every distinct vector is bounded from above (MaxScore): the query's terms are added
exactly, shortest postings first, within ``POSTINGS_BUDGET`` entries, and every other term adds
its largest weight to every code; the bound pass then gathers one value per row. Codes added after
the postings were built (upserts with a new title) are scored directly until the next rebuild
(after ``REBUILD_AFTER`` of them).
Exact title scores of the rows that get scored come from the rows' own columns, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .features import TITLE_TERMS
from .profiles import SeekerProfile
from .text import TextModel, normalize

# the query's terms are added up exactly, shortest postings first, while their entries stay
# within this budget; every other term is bounded by its largest weight (so the work of a query
# stays bounded however common its terms are)
POSTINGS_BUDGET = 16_384
REBUILD_AFTER = 4096  # new codes scored directly before the postings are rebuilt
F32 = NDArray[np.float32]


class TitleCodes:
    """Distinct title vectors ↔ codes, and postings of the first ``indexed`` codes."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.of: dict[bytes, int] = {}
        self.ids = np.full((16, width), -1, np.int32)
        self.w = np.zeros((16, width), np.float32)
        self.n = 0
        self.indexed = 0
        self.starts = np.zeros(1, np.int64)
        self.post_codes = np.zeros(0, np.int32)
        self.post_w = np.zeros(0, np.float32)
        self.term_max = np.zeros(0, np.float32)

    def codes(self, ids: NDArray[np.int32], w: F32) -> NDArray[np.int32]:
        """The code of each row's vector (new vectors get new codes)."""
        m = ids.shape[0]
        if m == 0:
            return np.zeros(0, np.int32)
        packed = np.ascontiguousarray(np.concatenate([ids, w.view(np.int32)], axis=1))
        raw, step = packed.tobytes(), packed.shape[1] * 4
        out = np.empty(m, np.int32)
        new: list[int] = []
        of = self.of
        for r in range(m):
            key = raw[r * step : (r + 1) * step]
            got = of.get(key)
            if got is None:
                got = of[key] = self.n + len(new)
                new.append(r)
            out[r] = got
        if new:
            self._append(ids[new], w[new])
        return out

    def _append(self, ids: NDArray[np.int32], w: F32) -> None:
        end = self.n + ids.shape[0]
        if end > self.ids.shape[0]:
            size = max(end, 2 * self.ids.shape[0])
            grown_ids = np.full((size, self.width), -1, np.int32)
            grown_w = np.zeros((size, self.width), np.float32)
            grown_ids[: self.n], grown_w[: self.n] = self.ids[: self.n], self.w[: self.n]
            self.ids, self.w = grown_ids, grown_w
        self.ids[self.n : end], self.w[self.n : end] = ids, w
        self.n = end

    def index(self, vocab_size: int) -> None:
        """(Re)build the postings over every code so far."""
        ids, w = self.ids[: self.n], self.w[: self.n]
        sel = ids >= 0
        terms = ids[sel].astype(np.int64)
        codes = np.broadcast_to(np.arange(self.n, dtype=np.int32)[:, None], ids.shape)[sel]
        order = np.argsort(terms, kind="stable")
        self.post_codes = codes[order].astype(np.int32)
        self.post_w = w[sel][order].astype(np.float32)
        counts = np.bincount(terms, minlength=vocab_size + 1)
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.term_max = np.zeros(vocab_size + 1, np.float32)
        np.maximum.at(self.term_max, terms, w[sel])
        self.indexed = self.n

    def bound(self, q_ids: NDArray[np.int32], q_w: F32, qv: NDArray[np.float64]) -> F32:
        """Upper bound of min(1, q · vector) for every code (float32, ≥ the exact value)."""
        if self.n - self.indexed > REBUILD_AFTER:
            self.index(qv.shape[0] - 1)
        out = np.zeros(self.n, np.float64)
        heavy = 0.0
        terms = []
        for t, x in zip(q_ids.tolist(), q_w.tolist(), strict=True):
            if t >= 0 and t + 1 < self.starts.shape[0]:
                a, b = int(self.starts[t]), int(self.starts[t + 1])
                if b > a:
                    terms.append((b - a, t, a, b, float(x)))
        spent = 0
        for length, t, a, b, x in sorted(terms):
            if spent + length > POSTINGS_BUDGET:
                heavy += x * float(self.term_max[t])
                continue
            spent += length
            out[self.post_codes[a:b]] += x * self.post_w[a:b].astype(np.float64)
        if heavy:
            out[: self.indexed] += heavy
        if self.n > self.indexed:  # codes added since the postings were built: exactly
            extra_ids = self.ids[self.indexed : self.n]
            extra_w = self.w[self.indexed : self.n].astype(np.float64)
            out[self.indexed :] = (qv[extra_ids] * extra_w).sum(axis=1)
        # float32 rounding of the weights and of the sum stays far below this margin
        return np.minimum(out * (1.0 + 1e-6) + 1e-6, 1.0 + 1e-5).astype(np.float32)


def wish_names(s: SeekerProfile, occupations: dict[str, str]) -> tuple[str, ...]:
    """The job names a vacancy's title is read against: the desired codes' official names, the
    seeker's own names for them and past job titles."""
    names = [occupations.get(c, "") for c in s.desired_occupations]
    return tuple(n for n in (*names, *s.desired_names, *s.job_titles) if n.strip())


def _short_vectors(
    model: TextModel, docs: Sequence[str]
) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
    """A short text's ``TITLE_TERMS`` strongest terms (``transform`` sorts them), L2-normalised."""
    ids, w = model.transform([normalize(d) for d in docs])
    ids, w = ids[:, :TITLE_TERMS].copy(), w[:, :TITLE_TERMS].astype(np.float64)
    norm = np.sqrt((w * w).sum(axis=1, keepdims=True))
    return ids, (w / np.where(norm > 0, norm, 1.0)).astype(np.float32)


def title_vectors(
    model: TextModel, titles: Sequence[str]
) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
    """Vacancy titles as unit term vectors (one transform per distinct title)."""
    distinct = sorted(set(titles))
    at = {t: i for i, t in enumerate(distinct)}
    ids, w = _short_vectors(model, distinct)
    rows = np.fromiter((at[t] for t in titles), np.int64, len(titles))
    return ids[rows], w[rows]


def wish_vectors(
    model: TextModel, name_lists: Sequence[tuple[str, ...]]
) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
    """Each seeker's job names as one term vector: the largest weight of each term over the
    names' unit vectors (so a title equal to one of the names scores 1 however many names there
    are), its ``TITLE_TERMS`` strongest terms."""
    distinct_names = sorted({n for names in name_lists for n in names})
    name_at = {n: i for i, n in enumerate(distinct_names)}
    n_ids, n_w = _short_vectors(model, distinct_names) if distinct_names else (None, None)
    ids = np.full((len(name_lists), TITLE_TERMS), -1, np.int32)
    w = np.zeros((len(name_lists), TITLE_TERMS), np.float32)
    cache: dict[tuple[str, ...], tuple[list[int], list[float]]] = {}
    for r, names in enumerate(name_lists):
        if not names or n_ids is None or n_w is None:
            continue
        got = cache.get(names)
        if got is None:
            pooled: dict[int, float] = {}
            for n in names:
                i = name_at[n]
                for t, x in zip(n_ids[i].tolist(), n_w[i].tolist(), strict=True):
                    if t >= 0 and x > pooled.get(t, 0.0):
                        pooled[t] = x
            best = sorted(pooled.items(), key=lambda kv: (-kv[1], kv[0]))[:TITLE_TERMS]
            got = cache[names] = ([t for t, _x in best], [x for _t, x in best])
        ids[r, : len(got[0])] = got[0]
        w[r, : len(got[1])] = got[1]
    return ids, w
