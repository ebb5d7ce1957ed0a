"""Traditional Chinese text features: character bigrams (TF-IDF) plus controlled vocabulary.

Every document becomes at most ``TOP_TERMS`` weighted terms, L2-normalised, so the cosine of two
documents is the dot product of their (padded) term rows. Terms are
- character bigrams of letters, digits and CJK characters (the recall layer), and
- controlled-vocabulary terms (occupation names and their parts, skills, licences) found
  verbatim in the text, weighted ``VOCAB_BOOST`` times their TF-IDF weight.
The pipeline is vectorised: a chunk of documents is joined, read as UTF-32 code points and every
bigram becomes one int64 ``(left << 21) | right``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

TOP_TERMS = 32
VOCAB_BOOST = 2.0
CHUNK_DOCS = 20_000
_SEP = "\x00"
_PART_SPLIT = re.compile(r"[、，,及與和／/（）()]+")

IntArray = NDArray[np.int64]


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
        self._first: dict[int, list[tuple[str, int]]] = {}
        for i, term in enumerate(self.terms):
            code = (ord(term[0]) << 21) | ord(term[1])
            self._first.setdefault(code, []).append((term, self.n_bigrams + i))
        self._first_codes = np.array(sorted(self._first), dtype=np.int64)

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
        for chunk in _chunks(docs):
            joined = _SEP.join(chunk)
            codes, doc, pos = _bigrams(joined)
            n_docs += len(chunk)
            if codes.size:
                pairs = np.unique(doc * (1 << 42) + codes)
                u, c = np.unique(pairs & ((1 << 42) - 1), return_counts=True)
                merged, inv = np.unique(np.concatenate([codes_acc, u]), return_inverse=True)
                df = np.zeros(merged.size, dtype=np.int64)
                np.add.at(df, inv, np.concatenate([df_acc, c]))
                codes_acc, df_acc = merged, df
            hit_doc, hit_term = model._vocab_hits(joined, codes, doc, pos)
            if hit_doc.size:
                pairs = np.unique(hit_doc * model.size + hit_term)
                term_df += np.bincount(pairs % model.size, minlength=model.size)[model.n_bigrams :]
        all_df = np.concatenate([df_acc, term_df]).astype(np.float64)
        idf = np.log((1.0 + n_docs) / (1.0 + all_df)) + 1.0
        return cls(codes_acc, terms, idf)

    def _vocab_hits(
        self, joined: str, codes: IntArray, doc: IntArray, pos: IntArray
    ) -> tuple[IntArray, IntArray]:
        if not self.terms or codes.size == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        sel = np.flatnonzero(np.isin(codes, self._first_codes))
        hit_doc: list[int] = []
        hit_term: list[int] = []
        for i in sel.tolist():
            p = int(pos[i])
            for term, tid in self._first[int(codes[i])]:
                if joined.startswith(term, p):
                    hit_doc.append(int(doc[i]))
                    hit_term.append(tid)
        return np.array(hit_doc, dtype=np.int64), np.array(hit_term, dtype=np.int64)

    # -- transforming --------------------------------------------------------------------------
    def transform(self, docs: Sequence[str]) -> tuple[NDArray[np.int32], NDArray[np.float32]]:
        """Padded term ids (-1 = none) and L2-normalised weights, ``len(docs) × TOP_TERMS``."""
        ids = np.full((len(docs), TOP_TERMS), -1, dtype=np.int32)
        weights = np.zeros((len(docs), TOP_TERMS), dtype=np.float32)
        start = 0
        for chunk in _chunks(docs):
            self._transform_chunk(
                chunk, ids[start : start + len(chunk)], weights[start : start + len(chunk)]
            )
            start += len(chunk)
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
        keys, tf = np.unique(all_doc * self.size + all_tid, return_counts=True)
        kdoc, ktid = keys // self.size, keys % self.size
        w = (1.0 + np.log(tf)) * self.idf[ktid]
        w = np.where(ktid >= self.n_bigrams, w * VOCAB_BOOST, w)
        order = np.lexsort((ktid, -w, kdoc))
        kdoc, ktid, w = kdoc[order], ktid[order], w[order]
        first = np.searchsorted(kdoc, kdoc, side="left")
        rank = np.arange(kdoc.size) - first
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
