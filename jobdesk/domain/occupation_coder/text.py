"""Text normalisation and character n-grams for vacancy titles and descriptions."""

from __future__ import annotations

import re
import unicodedata

# Phrases that job boards add to titles and that say nothing about the occupation.
_NOISE = re.compile(
    r"此為現場徵才活動職缺|現場徵才|微型徵才|中型徵才|活動職缺|就業獎勵|五五就業促進|"
    r"謝絕非面試業務|無求職意願者勿洽|婦女再就業專案|職場支持輔導計畫|"
    r"擴大招募|熱情招募中|招募中|大募集|急徵|"
    r"\d{1,3}/\d{1,2}(?:/\d{1,2})?"
)
_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9#+.]+")


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), lower case, collapse white space, drop board noise."""
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = _NOISE.sub(" ", folded)
    return _SPACES.sub(" ", folded).strip()


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def features(text: str) -> list[str]:
    """CJK character bigrams plus whole ASCII words (``java``, ``.net``) of normalised text."""
    grams: list[str] = []
    run: list[str] = []
    for char in text + " ":
        if is_cjk(char):
            run.append(char)
            continue
        grams.extend(run[i] + run[i + 1] for i in range(len(run) - 1))
        run = []
    grams.extend(word for word in _ASCII_WORD.findall(text) if len(word) >= 2)
    return grams


def is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()
