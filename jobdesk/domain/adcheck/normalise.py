"""Text normalisation that remembers where every character came from.

Rules match on normalised text (half-width digits and punctuation, one tilde, one dash, 台 for
臺, Arabic numerals for Chinese ones next to 歲); findings quote the original text, so every
normalised character keeps the span of the original characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CHAR_MAP = {
    "臺": "台",
    "〜": "~",
    "～": "~",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "﹣": "-",
    "　": " ",
    # simplified forms of the characters that rules read (岁 → 歲 …); quotes stay as written
    "岁": "歲",
    "龄": "齡",
    "须": "須",
    "优": "優",
    "试": "試",
    "录": "錄",
    "谢": "謝",
    "绝": "絕",
    "适": "適",
    "历": "歷",
    "经": "經",
    "验": "驗",
    "内": "內",
    "\u200b": "",
    "\ufeff": "",
}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_ZH_NUM = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# A Chinese numeral is rewritten only where it reads as an age: before 歲 (also as the first
# half of a range) or right after 年齡/年紀.
_ZH_AGE = re.compile(
    rf"(?P<a>{_ZH_NUM})(?:\s*(?:至|到|~|-)\s*(?P<b>{_ZH_NUM}))?(?=\s*(?:足|周|週)?歲)"
    rf"|(?<=年齡)(?P<c>{_ZH_NUM})|(?<=年紀)(?P<d>{_ZH_NUM})|(?<=年齡[:為在])(?P<e>{_ZH_NUM})"
)


def zh_numeral_value(numeral: str) -> int:
    """二十 → 20, 三十五 → 35, 十八 → 18, 九 → 9."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


@dataclass(frozen=True)
class Normalised:
    """Normalised text; `starts[i]`/`ends[i]` is the original span of normalised char i."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that normalised ``text[start:end]`` came from."""
        if start >= end:
            if start < len(self.starts):
                return self.starts[start], self.starts[start]
            last = self.ends[-1] if self.ends else 0
            return last, last
        return self.starts[start], self.ends[end - 1]


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching and keep the map back to it."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = _CHAR_MAP.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char)
            folded = _CHAR_MAP.get(folded, folded)
        for piece in folded:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return _rewrite_zh_ages(Normalised("".join(chars), tuple(starts), tuple(ends)))


def _rewrite_zh_ages(norm: Normalised) -> Normalised:
    replacements: list[tuple[int, int, str]] = []
    for match in _ZH_AGE.finditer(norm.text):
        for group in ("a", "b", "c", "d", "e"):
            if match.group(group) is not None:
                value = zh_numeral_value(match.group(group))
                replacements.append((match.start(group), match.end(group), str(value)))
    if not replacements:
        return norm
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for start, end, digits in sorted(replacements):
        if start < cursor:
            continue
        chars.extend(norm.text[cursor:start])
        starts.extend(norm.starts[cursor:start])
        ends.extend(norm.ends[cursor:start])
        chars.extend(digits)
        starts.extend([norm.starts[start]] * len(digits))
        ends.extend([norm.ends[end - 1]] * len(digits))
        cursor = end
    chars.extend(norm.text[cursor:])
    starts.extend(norm.starts[cursor:])
    ends.extend(norm.ends[cursor:])
    return Normalised("".join(chars), tuple(starts), tuple(ends))
