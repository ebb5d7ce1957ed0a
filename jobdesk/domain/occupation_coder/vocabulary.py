"""The curated vocabulary: how real vacancies name jobs, mapped to 4-digit codes.

The data lives in ``aliases.tsv`` beside this module (package data, read with
importlib.resources); the format is described at the top of that file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from .text import is_word_char, normalize

SCOPES = frozenset({"*", "t", "d"})


@dataclass(frozen=True)
class Alias:
    """One way of naming a job, with the codes it points to and their weights."""

    text: str
    codes: tuple[tuple[str, float], ...]
    scope: str = "*"


@dataclass(frozen=True)
class Hit:
    """An alias found in a text, at ``start``."""

    alias: Alias
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.alias.text)


def parse_aliases(lines: Iterable[str]) -> Iterator[Alias]:
    """Parse ``alias<TAB>code[:weight],…[<TAB>scope]`` lines; ``#`` starts a comment line."""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            raise ValueError(f"aliases line {number}: expected 2 or 3 tab-separated fields")
        scope = fields[2].strip() if len(fields) == 3 else "*"
        if scope not in SCOPES:
            raise ValueError(f"aliases line {number}: unknown scope {scope!r}")
        codes: list[tuple[str, float]] = []
        for item in fields[1].split(","):
            code, _, weight = item.strip().partition(":")
            codes.append((code, float(weight) if weight else 1.0))
        text = normalize(fields[0])
        if not text:
            raise ValueError(f"aliases line {number}: empty alias")
        yield Alias(text=text, codes=tuple(codes), scope=scope)


def load_default_aliases() -> list[Alias]:
    """The vocabulary shipped with the package."""
    source = resources.files(__package__).joinpath("aliases.tsv")
    with source.open("r", encoding="utf-8") as handle:
        return list(parse_aliases(handle))


class AliasMatcher:
    """Finds aliases in normalised text; a longer hit hides the shorter hits inside it."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        by_text: dict[str, Alias] = {}
        for alias in aliases:
            by_text[alias.text] = alias  # a later line for the same text wins
        # Indexed by the first two characters: every alias has at least two.
        self._by_prefix: dict[str, list[Alias]] = {}
        for alias in sorted(by_text.values(), key=lambda a: (-len(a.text), a.text)):
            if len(alias.text) < 2:
                raise ValueError(f"alias {alias.text!r} is shorter than two characters")
            self._by_prefix.setdefault(alias.text[:2], []).append(alias)

    def find(self, text: str) -> list[Hit]:
        """Hits in ``text``, one per alias (its first place), in order of position."""
        found: list[Hit] = []
        by_prefix = self._by_prefix
        for start in range(len(text) - 1):
            candidates = by_prefix.get(text[start : start + 2])
            if not candidates:
                continue
            for alias in candidates:
                if text.startswith(alias.text, start) and _bounded(text, start, alias.text):
                    found.append(Hit(alias, start))
        found.sort(key=lambda h: (-len(h.alias.text), h.start))
        kept: list[Hit] = []
        seen: set[str] = set()
        for hit in found:
            if hit.alias.text in seen:
                continue
            if any(k.start <= hit.start and hit.end <= k.end for k in kept):
                continue
            kept.append(hit)
            seen.add(hit.alias.text)
        kept.sort(key=lambda h: (h.start, -len(h.alias.text)))
        return kept


@dataclass(frozen=True)
class Context:
    """A trade (food service, hair salon, …) whose cue words shift ambiguous codes its way."""

    name: str
    cues: tuple[str, ...]
    shifts: tuple[tuple[str, str, float], ...]  # (from code, to code, share moved)

    def is_active(self, title: str, description: str) -> bool:
        in_title = [cue for cue in self.cues if cue in title]
        if in_title:
            return True
        return sum(1 for cue in self.cues if cue in description) >= 2


def parse_contexts(lines: Iterable[str]) -> list[Context]:
    """Parse ``contexts.tsv`` (format at the top of that file)."""
    cues: dict[str, tuple[str, ...]] = {}
    shifts: dict[str, list[tuple[str, str, float]]] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) == 3 and fields[1] == "cues":
            cues[fields[0]] = tuple(normalize(word) for word in fields[2].split())
        elif len(fields) == 5 and fields[1] == "shift":
            shifts.setdefault(fields[0], []).append((fields[2], fields[3], float(fields[4])))
        else:
            raise ValueError(f"contexts line {number}: expected a cues or a shift line")
    unknown = sorted(set(shifts) - set(cues))
    if unknown:
        raise ValueError(f"contexts without cues: {', '.join(unknown)}")
    return [Context(name, cues[name], tuple(shifts.get(name, ()))) for name in sorted(cues)]


def load_default_contexts() -> list[Context]:
    """The contexts shipped with the package."""
    source = resources.files(__package__).joinpath("contexts.tsv")
    with source.open("r", encoding="utf-8") as handle:
        return parse_contexts(handle)


def _bounded(text: str, start: int, word: str) -> bool:
    """ASCII aliases must stand as words: ``it`` does not match inside ``digital``."""
    end = start + len(word)
    if is_word_char(word[0]) and start > 0 and is_word_char(text[start - 1]):
        return False
    return not (is_word_char(word[-1]) and end < len(text) and is_word_char(text[end]))
