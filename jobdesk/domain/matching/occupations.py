"""Occupation evidence beyond the code tree: how related two 4-digit 細類 are.

``OccupationRelatedness`` is a symmetric table over the 4-digit codes of the taxonomy, learned at
every full build (``MatchIndex.build``) from two public sources and frozen until the next build:

- **co-occurrence in the occupation coder's suggestions**: over the indexed vacancies, two codes
  that the coder ranks together for the same ad (its top 3, each weighted by its strength
  relative to the top suggestion) describe similar ads. Relatedness =
  Σ_ads min(wᵃ, wᵇ) / (√(nᵃ · nᵇ) + ``COOC_PRIOR``), nᶜ = Σ_ads wᶜ, so a pair seen together
  once among rare codes counts less than a pair seen together often.
- **the taxonomy's own names** (職業標準分類 6th revision, the shipped CSV): the cosine of the
  character bigrams of the two 細類 names, each bigram weighted by its IDF over the 細類 names
  (人員, 事務 are everywhere and count little; 會計, 護理 count much).

Both are capped (``COOC_CAP``, ``NAME_CAP``) below the closeness of a shared 小類 (0.7), so a
learned relation lifts a neighbour across major groups (3313 會計助理專業人員 ↔ 4311 會計及簿記事務
人員 ↔ 2411 會計專業人員) to a neighbour's closeness, never to a match. No hand-written synonym
entries: everything is computed from the ads being indexed and the official names.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

COOC_PRIOR = 2.0
COOC_CAP = 0.6
NAME_CAP = 0.6
NAME_MIN = 0.3
NAME_MAX_DF = 6  # name cosines below this are noise (one shared common bigram)
_RUN = re.compile(r"[\u3400-\u9fff]+")


def name_bigrams(name: str) -> set[str]:
    out: set[str] = set()
    for run in _RUN.findall(name):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


class OccupationRelatedness:
    """Symmetric relatedness (0…cap) of the 4-digit codes; ``index[code]`` → row, last row none."""

    def __init__(self, codes: Sequence[str], matrix: NDArray[np.float64]) -> None:
        self.codes = list(codes)
        self.matrix = matrix  # (n + 1) × (n + 1), row/col n = unknown code (0)
        self.by_code = np.full(10000, len(self.codes), np.int32)
        for i, c in enumerate(self.codes):
            self.by_code[int(c)] = i

    @classmethod
    def learn(
        cls,
        occupations: Mapping[str, str],
        suggestions: Sequence[Sequence[tuple[str, float]]],
    ) -> OccupationRelatedness:
        """From ranked (code, score) lists; ``learn_arrays`` does the same from encoded rows."""
        width = MAX_SUGGESTIONS
        codes = np.full((len(suggestions), width), -1, np.int64)
        strengths = np.zeros((len(suggestions), width))
        for r, ranked in enumerate(suggestions):
            for j, (code, w) in enumerate(relative_strengths(ranked)):
                codes[r, j], strengths[r, j] = int(code), w
        return cls.learn_arrays(occupations, codes, strengths)

    @classmethod
    def learn_arrays(
        cls,
        occupations: Mapping[str, str],
        codes_4: NDArray[np.int64],
        strengths: NDArray[np.float64],
    ) -> OccupationRelatedness:
        """``codes_4``: each vacancy's 4-digit codes as integers (-1 = none), ``strengths``
        their relative strengths (rows × suggestions)."""
        codes = sorted(c for c in occupations if len(c) == 4 and c.isdigit())
        at = {c: i for i, c in enumerate(codes)}
        n = len(codes)
        m = np.zeros((n + 1, n + 1))
        if n == 0:
            return cls(codes, m)
        # names: IDF-weighted bigram cosines
        grams = [name_bigrams(occupations[c]) for c in codes]
        df: dict[str, int] = defaultdict(int)
        for g in grams:
            for b in g:
                df[b] += 1
        # bigrams shared by many names (人員, 專業, 助理, 工作) say what kind of level a code is,
        # not what trade: they are left out
        idf = {b: math.log((1 + n) / (1 + d)) + 1.0 for b, d in df.items() if d <= NAME_MAX_DF}
        vocab = {b: j for j, b in enumerate(sorted(idf))}
        vec = np.zeros((n, len(vocab)))
        for i, g in enumerate(grams):
            for b in g & idf.keys():
                vec[i, vocab[b]] = idf[b]
        norm = np.linalg.norm(vec, axis=1, keepdims=True)
        vec = vec / np.where(norm > 0, norm, 1.0)
        names = vec @ vec.T
        names = np.where(names >= NAME_MIN, np.minimum(names, NAME_CAP), 0.0)
        # co-occurrence of codes in the coder's ranked suggestions
        by_code = np.full(10000, -1, np.int64)
        for c, i in at.items():
            by_code[int(c)] = i
        idx = np.where(codes_4 >= 0, by_code[np.clip(codes_4, 0, 9999)], -1)
        ok = idx >= 0
        mass = np.bincount(idx[ok], weights=strengths[ok], minlength=n).astype(np.float64)
        flat = np.zeros(n * n)
        for first in range(idx.shape[1]):
            for second in range(first + 1, idx.shape[1]):
                both = ok[:, first] & ok[:, second] & (idx[:, first] != idx[:, second])
                i, j = idx[both, first], idx[both, second]
                w = np.minimum(strengths[both, first], strengths[both, second])
                flat += np.bincount(i * n + j, weights=w, minlength=n * n)
                flat += np.bincount(j * n + i, weights=w, minlength=n * n)
        together = flat.reshape(n, n)
        denom = np.sqrt(np.outer(mass, mass)) + COOC_PRIOR
        cooc = np.minimum(together / denom, COOC_CAP)
        m[:n, :n] = np.maximum(names, cooc)
        np.fill_diagonal(m[:n, :n], 0.0)  # the same code is the code tree's business (1.0)
        return cls(codes, np.round(m, 6))

    def related(self, a: str, b: str) -> float:
        return float(self.matrix[self.by_code[int(a)], self.by_code[int(b)]])


STRENGTH_STEPS = 20  # strengths are kept in 1/20 steps (few distinct values for the bound pass)
MAX_SUGGESTIONS = 3
TIE_DAMP = 0.1
TIE_FROM = 0.7
STRENGTH_POWER = 1.0  # strength = (score / best score) ** STRENGTH_POWER


def relative_strengths(ranked: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """The coder's suggestions with strength score / best score, in 1/20 steps, best first;
    suggestions that round to 0 are dropped, duplicates keep their first (strongest) place."""
    ranked = [(c, s) for c, s in ranked if s > 0][:MAX_SUGGESTIONS]
    if not ranked:
        return []
    top = max(s for _c, s in ranked)
    second = sorted((s for _c, s in ranked), reverse=True)[1] if len(ranked) > 1 else 0.0
    conf = 1.0 - TIE_DAMP * max(0.0, second / top - TIE_FROM) / (1.0 - TIE_FROM)
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for code, s in ranked:
        w = round(STRENGTH_STEPS * conf * (s / top) ** STRENGTH_POWER) / STRENGTH_STEPS
        if w > 0 and code not in seen:
            seen.add(code)
            out.append((code, w))
    return out
