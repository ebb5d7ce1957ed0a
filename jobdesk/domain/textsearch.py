"""Search terms for Chinese text: character bigrams (no Django).

A two-character Chinese query (倉儲, 會計, a given name) is one bigram, so an index of the
bigrams of a text answers it exactly; a longer query is the bigrams of each run, all of which
must be present (the caller then checks the run itself, since bigrams can occur apart). pg_trgm
and SQLite's trigram tokenizer need three characters: not enough for Chinese.

``index_terms`` builds the terms stored for a row (a space-separated ``search_text`` column);
``parse_query`` turns what a user typed into the terms to look up and the runs to verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A run: letters and digits of any script (CJK included), nothing else (no underscore).
_RUN = re.compile(r"[^\W_]+")
PHONE_PREFIX = "tel"


def runs(text: str) -> list[str]:
    return _RUN.findall(text.lower())


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(texts: Iterable[str], *, unigrams: bool = False) -> set[str]:
    """The bigrams of every run of ``texts`` (each text apart: no bigram across two fields);
    with ``unigrams`` the single characters too (short texts such as names)."""
    terms: set[str] = set()
    for text in texts:
        for run in runs(text or ""):
            terms.update(bigrams(run))
            if unigrams or len(run) == 1:
                terms.update(run if unigrams else [run])
    return terms


def phone_terms(phone: str) -> set[str]:
    """The whole number and its last three to six digits (``tel5678``): a counsellor looks a
    caller up by the tail of the number."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 3:
        return set()
    return {PHONE_PREFIX + digits} | {PHONE_PREFIX + digits[-k:] for k in range(3, 7)}


def join_terms(terms: Iterable[str]) -> str:
    return " ".join(sorted(set(terms)))


@dataclass(frozen=True)
class ParsedQuery:
    """``terms``: every one must be in a row's terms. ``verify``: runs of three or more
    characters, each of which must also occur as typed (bigrams found apart do not count).
    ``indexable`` is False when a run cannot be looked up (a single character where single
    characters are not indexed): the caller falls back to a substring scan."""

    terms: tuple[str, ...]
    verify: tuple[str, ...]
    indexable: bool


def parse_query(q: str, *, unigrams: bool = False) -> ParsedQuery | None:
    """``None`` for a query with nothing to look up (punctuation, spaces)."""
    found = runs(q)
    if not found:
        return None
    terms: set[str] = set()
    indexable = True
    for run in found:
        if len(run) == 1:
            if unigrams:
                terms.add(run)
            else:
                indexable = False
        else:
            terms.update(bigrams(run))
    return ParsedQuery(
        terms=tuple(sorted(terms)),
        verify=tuple(run for run in found if len(run) >= 3),
        indexable=indexable,
    )


def parse_phone_tail(q: str) -> str | None:
    """The phone term of a query made of digits only (dashes and spaces allowed), else None."""
    stripped = re.sub(r"[\s\-()]", "", q)
    if len(stripped) >= 3 and stripped.isascii() and stripped.isdigit():
        return PHONE_PREFIX + stripped
    return None
