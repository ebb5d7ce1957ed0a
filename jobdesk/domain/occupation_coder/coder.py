"""Suggest 職業標準分類 (6th revision) 4-digit codes for a vacancy's title and description.

Two layers, added up per code:

1. **Vocabulary** (``aliases.tsv`` plus the taxonomy's own names): weighted alias hits,
   strong in the title (the right-most hit, the head noun of a Chinese job title, counts a
   little more), weak in the description.
2. **Recall**: cosine between TF-IDF character-bigram vectors of the vacancy and of each
   code's document (its name, its aliases, and its parents' names at lower weight), so that
   a title the vocabulary does not know still lands near the right codes.

Everything is plain Python: no Django, no randomness; ties are broken by code.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .text import features, normalize
from .vocabulary import (
    Alias,
    AliasMatcher,
    Context,
    Hit,
    load_default_aliases,
    load_default_contexts,
)

Occupation = tuple[str, str, str | None]

TITLE_WEIGHT = 3.0  # an alias weight counts this much when found in the title
HEAD_BONUS = 1.25  # … and this much more for the right-most title hit
DESCRIPTION_WEIGHT = 0.5  # an alias weight found in the description
DESCRIPTION_CAP = 1.5  # most a description can add to one code
COSINE_WEIGHT = 2.0  # the recall layer's share
DESCRIPTION_TF = 0.3  # description bigrams against title bigrams in the recall vector
MIN_SCORE = 0.15  # below this a code is not suggested at all
NAME_PART_WEIGHT = 0.5  # an alias made from part of an official name

_NAME_SPLIT = re.compile(r"[、及與]|有關|及有關")
# Parts of official names that name no job by themselves.
_GENERIC_PARTS = frozenset({"辦公室", "經理人員", "事務人員", "操作人員", "組合人員", "檢查人員"})


@dataclass(frozen=True)
class Suggestion:
    """A suggested 4-digit code, its score (higher is better) and the words that matched."""

    code: str
    name: str
    score: float
    evidence: tuple[str, ...]


def load_taxonomy_csv(path: str | Path) -> list[Occupation]:
    """Read ``code,name,level,level_name,parent_code`` rows (the official CSV) as tuples."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return [
            (
                row["code"].strip(),
                row["name"].strip(),
                (row.get("parent_code") or "").strip() or None,
            )
            for row in csv.DictReader(handle)
        ]


def name_aliases(code: str, name: str) -> list[Alias]:
    """Aliases made from an official name: the name itself and its telling parts.

    「系統分析及設計師」 gives 系統分析 but not 設計師: a later part shorter than four
    characters is usually a head shared with the first part, too vague on its own.
    """
    text = normalize(name)
    aliases = [Alias(text, ((code, 1.0),), "*")]
    for index, raw in enumerate(_NAME_SPLIT.split(text)):
        part = raw.removeprefix("未分類").removeprefix("其他").strip()
        long_enough = len(part) >= 4 or (index == 0 and len(part) == 3)
        if long_enough and part not in _GENERIC_PARTS and part != text:
            aliases.append(Alias(part, ((code, NAME_PART_WEIGHT),), "*"))
    return aliases


class OccupationCoder:
    """Ranks the 4-digit (細類) codes of a taxonomy for a vacancy."""

    def __init__(
        self,
        occupations: Iterable[Occupation],
        aliases: Iterable[Alias] | None = None,
        contexts: Iterable[Context] | None = None,
    ) -> None:
        rows = list(occupations)
        self._names = {code: name for code, name, _ in rows}
        parents = {code: parent for code, _, parent in rows}
        leaves = sorted(code for code, _, _ in rows if len(code) == 4)
        self._leaves = frozenset(leaves)
        vocabulary = list(aliases) if aliases is not None else load_default_aliases()
        known = [
            Alias(a.text, tuple((c, w) for c, w in a.codes if c in self._leaves), a.scope)
            for a in vocabulary
        ]
        known = [a for a in known if a.codes]
        generated = [a for code in leaves for a in name_aliases(code, self._names[code])]
        curated_texts = {a.text for a in known}
        owners: dict[str, set[str]] = defaultdict(set)
        for alias in generated:
            owners[alias.text].update(code for code, _ in alias.codes)
        generated = [
            a for a in generated if a.text not in curated_texts and len(owners[a.text]) == 1
        ]
        self._contexts = list(contexts) if contexts is not None else load_default_contexts()
        everything = generated + known
        self._title_matcher = AliasMatcher(a for a in everything if a.scope in ("*", "t"))
        self._description_matcher = AliasMatcher(a for a in everything if a.scope in ("*", "d"))
        self._build_index(leaves, parents, everything)

    @classmethod
    def from_csv(cls, path: str | Path) -> OccupationCoder:
        return cls(load_taxonomy_csv(path))

    # --- recall layer -------------------------------------------------------------------

    def _build_index(
        self, leaves: Sequence[str], parents: dict[str, str | None], aliases: Sequence[Alias]
    ) -> None:
        alias_texts: dict[str, list[str]] = defaultdict(list)
        for alias in aliases:
            for code, _ in alias.codes:
                alias_texts[code].append(alias.text)
        documents: dict[str, dict[str, float]] = {}
        for code in leaves:
            counts: dict[str, float] = defaultdict(float)
            for gram in features(normalize(self._names[code])):
                counts[gram] += 1.0
            for text in alias_texts[code]:
                for gram in features(text):
                    counts[gram] += 0.5
            parent, weight = parents.get(code), 0.5
            while parent:
                for gram in features(normalize(self._names.get(parent, ""))):
                    counts[gram] += weight
                parent, weight = parents.get(parent), weight / 2
            documents[code] = counts
        frequency: dict[str, int] = defaultdict(int)
        for counts in documents.values():
            for gram in counts:
                frequency[gram] += 1
        total = len(documents) or 1
        self._idf = {gram: math.log((1 + total) / (1 + n)) + 1.0 for gram, n in frequency.items()}
        self._unknown_idf = math.log(1 + total) + 1.0
        self._postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._documents: dict[str, dict[str, float]] = {}
        for code in leaves:
            vector = {g: (1 + math.log(c)) * self._idf[g] for g, c in documents[code].items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self._documents[code] = {g: v / norm for g, v in vector.items()}
            for gram in sorted(vector):
                self._postings[gram].append((code, vector[gram] / norm))

    def _vector(self, title: str, description: str) -> dict[str, float]:
        """The vacancy's unit TF-IDF vector: title bigrams count fully, description ones less."""
        counts: dict[str, float] = defaultdict(float)
        for gram in features(title):
            counts[gram] += 1.0
        for gram in features(description):
            counts[gram] += DESCRIPTION_TF
        idf, unknown = self._idf, self._unknown_idf
        vector = {
            g: (1 + math.log(c) if c >= 1 else c) * idf.get(g, unknown) for g, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {g: v / norm for g, v in vector.items()} if norm else {}

    def _cosines(self, vector: dict[str, float]) -> dict[str, float]:
        cosines: dict[str, float] = defaultdict(float)
        postings = self._postings
        for gram, value in vector.items():
            for code, weight in postings.get(gram, ()):
                cosines[code] += value * weight
        return cosines

    def _shared_gram(self, code: str, vector: dict[str, float]) -> str | None:
        """The bigram that ties the vacancy to ``code`` most (evidence for the recall layer)."""
        document = self._documents[code]
        best = max(
            ((vector[g] * document[g], g) for g in sorted(vector) if g in document),
            default=None,
        )
        return best[1] if best else None

    # --- suggestions --------------------------------------------------------------------

    def suggest(self, title: str, description: str = "", k: int = 3) -> list[Suggestion]:
        """The ``k`` most likely 4-digit codes, best first; [] when nothing fits."""
        if k <= 0:
            return []
        title_text = normalize(title or "")
        description_text = normalize(description or "")
        scores: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)

        title_hits = self._title_matcher.find(title_text)
        head = max(title_hits, key=lambda h: (h.end, len(h.alias.text)), default=None)
        for hit in title_hits:
            factor = TITLE_WEIGHT * (HEAD_BONUS if hit is head else 1.0)
            self._add(hit, factor, scores, evidence)

        from_description: dict[str, float] = defaultdict(float)
        for hit in self._description_matcher.find(description_text):
            self._add(hit, DESCRIPTION_WEIGHT, from_description, evidence)
        for code, value in from_description.items():
            scores[code] += min(value, DESCRIPTION_CAP)

        for context in self._contexts:
            if context.is_active(title_text, description_text):
                self._shift(context, scores, evidence)

        vector = self._vector(title_text, description_text)
        for code, value in self._cosines(vector).items():
            scores[code] += COSINE_WEIGHT * value

        ranked = sorted(
            ((code, score) for code, score in scores.items() if score >= MIN_SCORE),
            key=lambda item: (-item[1], item[0]),
        )
        suggestions = []
        for code, score in ranked[:k]:
            words = evidence[code]
            if not words:
                gram = self._shared_gram(code, vector)
                words = [gram] if gram else []
            suggestions.append(Suggestion(code, self._names[code], round(score, 4), tuple(words)))
        return suggestions

    def _shift(
        self, context: Context, scores: dict[str, float], evidence: dict[str, list[str]]
    ) -> None:
        for source, target, share in context.shifts:
            moved = scores.get(source, 0.0) * share
            if moved <= 0 or target not in self._leaves:
                continue
            scores[source] -= moved
            scores[target] += moved
            note = f"({context.name})"
            if note not in evidence[target]:
                evidence[target].append(note)

    @staticmethod
    def _add(
        hit: Hit, factor: float, scores: dict[str, float], evidence: dict[str, list[str]]
    ) -> None:
        for code, weight in hit.alias.codes:
            scores[code] += weight * factor
            if hit.alias.text not in evidence[code]:
                evidence[code].append(hit.alias.text)
