"""Traditional Chinese text features: character bigrams (TF-IDF) plus controlled vocabulary.

Every document becomes at most ``TOP_TERMS`` weighted terms, L2-normalised, so the cosine of two
documents is the dot product of their (padded) term rows. Terms are
- character bigrams of letters, digits and CJK characters (the recall layer), and
- controlled-vocabulary terms (occupation names and their parts, skills, licences) found
  verbatim in the text, weighted ``VOCAB_BOOST`` times their TF-IDF weight.
The pipeline is vectorised: a chunk of documents is joined, read as UTF-32 code points and every
bigram becomes one int64 ``(left << 21) | right``. Controlled-vocabulary terms are found by
walking a character trie of the terms from every bigram position at once (one NumPy step per
character: ``(state << 21) | char`` looked up in the sorted transition table), so the cost is
proportional to the live prefixes, not to the number of terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

TOP_TERMS = 32
VOCAB_BOOST = 2.0
CHUNK_DOCS = 20_000
WORKERS = 2  # threads for chunked fitting/transforming (the target machine has 2 cores)
_SEP = "\x00"
SHORT_WALK = 512  # at or below this many bigram positions the trie walk runs in Python
_PART_SPLIT = re.compile(r"[、，,及與和／/（）()]+")

IntArray = NDArray[np.int64]


def unique_sorted(values: IntArray) -> IntArray:
    """Sorted distinct values (``np.unique`` without counts is hash-based and slow in NumPy 2.4)."""
    if values.size == 0:
        return values.copy()
    s = np.sort(values)
    keep = np.empty(s.size, np.bool_)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def unique_counts(values: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct values and how often each occurs."""
    if values.size == 0:
        return values.copy(), np.zeros(0, np.int64)
    s = np.sort(values)
    starts = np.flatnonzero(np.concatenate([[True], s[1:] != s[:-1]]))
    counts = np.diff(np.append(starts, s.size)).astype(np.int64)
    return s[starts], counts


@lru_cache(maxsize=1)
def _char_ok() -> NDArray[np.bool_]:
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[i for i in range(0x30000) if chr(i).isalnum()]] = True
    return table


def normalize(text: str) -> str:
    """NFKC (full-width to half-width) and lower case; the separator is never kept."""
    return unicodedata.normalize("NFKC", text).lower().replace(_SEP, " ")


def vocabulary_terms(names: Iterable[str]) -> list[str]:
    """Controlled-vocabulary terms from names: each name and its parts split at 、及與/()."""
    terms: set[str] = set()
    for name in names:
        norm = normalize(name).strip()
        if len(norm) >= 2:
            terms.add(norm)
        for part in _PART_SPLIT.split(norm):
            part = part.strip()
            if len(part) >= 2:
                terms.add(part)
    return sorted(terms)


def _bigrams(joined: str) -> tuple[IntArray, IntArray, IntArray]:
    """Bigram codes, their document numbers and their positions in ``joined``."""
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    if cps.size < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    doc_of = np.cumsum(cps == 0).astype(np.int64)
    ok_char = _char_ok()[cps]
    ok = ok_char[:-1] & ok_char[1:]
    pos = np.flatnonzero(ok).astype(np.int64)
    codes = (cps[:-1][ok].astype(np.int64) << 21) | cps[1:][ok].astype(np.int64)
    return codes, doc_of[:-1][ok], pos


class TextModel:
    """Fitted vocabulary (bigrams + controlled terms) with IDF weights."""

    def __init__(self, bigram_codes: IntArray, terms: Sequence[str], idf: NDArray[np.float64]):
        self.bigram_codes = bigram_codes
        self.terms = list(terms)
        self.n_bigrams = int(bigram_codes.size)
        self.idf = idf
        self._build_trie()

    def _build_trie(self) -> None:
        """Character trie of the terms: sorted ``(state << 21) | char`` → next state; state 0 is
        the root, ``_term_at[state]`` the term id ending there (-1 = none)."""
        edges: dict[tuple[int, int], int] = {}
        term_at = [-1]
        for i, term in enumerate(self.terms):
            state = 0
            for ch in term:
                nxt = edges.get((state, ord(ch)))
                if nxt is None:
                    nxt = edges[(state, ord(ch))] = len(term_at)
                    term_at.append(-1)
                state = nxt
            term_at[state] = self.n_bigrams + i
        self._edges = edges  # the same trie as a dict, for short inputs (one query's text)
        self._term_list = term_at
        keys = np.array([(st << 21) | ch for st, ch in edges], dtype=np.int64)
        dest = np.array(list(edges.values()), dtype=np.int64)
        order = np.argsort(keys)
        self._edge_keys, self._edge_dest = keys[order], dest[order]
        self._term_at = np.array(term_at, dtype=np.int64)
        self._max_len = max((len(t) for t in self.terms), default=0)

    @property
    def size(self) -> int:
        return self.n_bigrams + len(self.terms)

    # -- fitting -------------------------------------------------------------------------------
    @classmethod
    def fit(cls, docs: Iterable[str], terms: Sequence[str]) -> TextModel:
        """Document frequencies over ``docs`` (normalised text); IDF = ln((1+N)/(1+df)) + 1."""
        model = cls(np.zeros(0, dtype=np.int64), terms, np.zeros(len(terms)))
        codes_acc = np.zeros(0, dtype=np.int64)
        df_acc = np.zeros(0, dtype=np.int64)
        term_df = np.zeros(len(terms), dtype=np.int64)
        n_docs = 0
        with ThreadPoolExecutor(WORKERS) as pool:  # NumPy releases the GIL in sorts/lookups
            for n, u, c, t_df in pool.map(model._chunk_df, _chunks(docs)):
                n_docs += n
                if u.size:
                    merged = unique_sorted(np.concatenate([codes_acc, u]))
                    df = np.zeros(merged.size, dtype=np.int64)
                    df[np.searchsorted(merged, codes_acc)] += df_acc
                    df[np.searchsorted(merged, u)] += c
                    codes_acc, df_acc = merged, df
                term_df += t_df
        all_df = np.concatenate([df_acc, term_df]).astype(np.float64)
        idf = np.log((1.0 + n_docs) / (1.0 + all_df)) + 1.0
        return cls(codes_acc, terms, idf)

    def _chunk_df(self, chunk: list[str]) -> tuple[int, IntArray, IntArray, IntArray]:
        """Distinct bigram codes of a chunk with their document counts, and the terms' counts."""
        joined = _SEP.join(chunk)
        codes, doc, pos = _bigrams(joined)
        u, c = unique_counts(unique_sorted(doc * (1 << 42) + codes) & ((1 << 42) - 1))
        hit_doc, hit_term = self._vocab_hits(joined, codes, doc, pos)
        t_df = np.zeros(len(self.terms), dtype=np.int64)
        if hit_doc.size:
            pairs = unique_sorted(hit_doc * self.size + hit_term)
            t_df += np.bincount(pairs % self.size, minlength=self.size)[self.n_bigrams :]
        return len(chunk), u, c, t_df

    def _vocab_hits(
        self, joined: str, codes: IntArray, doc: IntArray, pos: IntArray
    ) -> tuple[IntArray, IntArray]:
        """(document, term id) for every controlled term found verbatim at a bigram position."""
        if not self.terms or codes.size == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        if pos.size <= SHORT_WALK:
            return self._vocab_hits_short(joined, doc, pos)
        cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        at = pos  # start positions still inside the trie
        state = np.zeros(at.size, dtype=np.int64)
        owner = doc
        hit_doc: list[IntArray] = []
        hit_term: list[IntArray] = []
        for depth in range(self._max_len):
            inside = at + depth < cps.size
            if not inside.all():
                at, state, owner = at[inside], state[inside], owner[inside]
            key = (state << 21) | cps[at + depth]
            j = np.searchsorted(self._edge_keys, key)
            j = np.minimum(j, self._edge_keys.size - 1)
            found = self._edge_keys[j] == key
            at, owner, state = at[found], owner[found], self._edge_dest[j[found]]
            if at.size == 0:
                break
            term = self._term_at[state]
            done = term >= 0
            if done.any():
                hit_doc.append(owner[done])
                hit_term.append(term[done])
        if not hit_doc:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(hit_doc), np.concatenate(hit_term)

    def _vocab_hits_short(
        self, joined: str, doc: IntArray, pos: IntArray
    ) -> tuple[IntArray, IntArray]:
        """``_vocab_hits`` for a few hundred positions: the same walk, one position at a time
        in Python dicts (a query's text; the NumPy steps cost more than the walk there)."""
        edges, term_at = self._edges, self._term_list
        cps = [ord(c) for c in joined]
        n = len(cps)
        hit_doc: list[int] = []
        hit_term: list[int] = []
        for d, p in zip(doc.tolist(), pos.tolist(), strict=True):
            state = 0
            for at in range(p, min(p + self._max_len, n)):
                nxt = edges.get((state, cps[at]))
                if nxt is None:
                    break
                state = nxt
                if term_at[state] >= 0:
                    hit_doc.append(d)
                    hit_term.append(term_at[state])
        return np.array(hit_doc, dtype=np.int64), np.array(hit_term, dtype=np.int64)

    # -- transforming --------------------------------------------------------------------------
    def transform(self, docs: Sequence[str]) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        """Padded term ids (-1 = none) and L2-normalised weights, ``len(docs) × TOP_TERMS``."""
        ids = np.full((len(docs), TOP_TERMS), -1, dtype=np.int32)
        weights = np.zeros((len(docs), TOP_TERMS), dtype=np.float32)
        jobs = []
        start = 0
        for chunk in _chunks(docs):
            stop = start + len(chunk)
            jobs.append((chunk, ids[start:stop], weights[start:stop]))
            start = stop
        if len(jobs) <= 1:
            for job in jobs:
                self._transform_chunk(*job)
        else:
            with ThreadPoolExecutor(WORKERS) as pool:  # chunks write disjoint slices
                list(pool.map(lambda job: self._transform_chunk(*job), jobs))
        return ids, weights

    def _transform_chunk(
        self, chunk: list[str], ids: NDArray[np.int32], weights: NDArray[np.float32]
    ) -> None:
        joined = _SEP.join(chunk)
        codes, doc, pos = _bigrams(joined)
        if codes.size == 0:
            return
        tid = np.searchsorted(self.bigram_codes, codes)
        tid = np.minimum(tid, max(self.n_bigrams - 1, 0))
        found = (
            self.bigram_codes[tid] == codes if self.n_bigrams else np.zeros(codes.size, np.bool_)
        )
        hit_doc, hit_term = self._vocab_hits(joined, codes, doc, pos)
        all_doc = np.concatenate([doc[found], hit_doc])
        all_tid = np.concatenate([tid[found].astype(np.int64), hit_term])
        if all_doc.size == 0:
            return
        keys, tf = unique_counts(all_doc * self.size + all_tid)
        kdoc, ktid = keys // self.size, keys % self.size
        w = (1.0 + np.log(tf)) * self.idf[ktid]
        w = np.where(ktid >= self.n_bigrams, w * VOCAB_BOOST, w)
        order = np.lexsort((ktid, -w, kdoc))
        kdoc, ktid, w = kdoc[order], ktid[order], w[order]
        starts = np.flatnonzero(np.concatenate([[True], kdoc[1:] != kdoc[:-1]]))
        lengths = np.diff(np.append(starts, kdoc.size))
        rank = np.arange(kdoc.size) - np.repeat(starts, lengths)
        keep = rank < TOP_TERMS
        kdoc, ktid, w, rank = kdoc[keep], ktid[keep], w[keep], rank[keep]
        norm = np.sqrt(np.bincount(kdoc, weights=w * w, minlength=len(chunk)))
        ids[kdoc, rank] = ktid.astype(np.int32)
        weights[kdoc, rank] = (w / norm[kdoc]).astype(np.float32)


def _chunks(docs: Iterable[str]) -> Iterable[list[str]]:
    chunk: list[str] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= CHUNK_DOCS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
