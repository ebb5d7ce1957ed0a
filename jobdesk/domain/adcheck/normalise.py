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
    # more simplified forms of the words that name a ground or a marker (体重, 党员, 籍贯 …)
    "体": "體",
    "长": "長",
    "应": "應",
    "党": "黨",
    "贯": "貫",
    "残": "殘",
    "碍": "礙",
    "视": "視",
    "听": "聽",
    "语": "語",
    "华": "華",
    "乡": "鄉",
    "国": "國",
    "湾": "灣",
    "县": "縣",
    "区": "區",
    "离": "離",
    "丧": "喪",
    "单": "單",
    "业": "業",
    "员": "員",
    "务": "務",
    "证": "證",
    "纪": "紀",
    "记": "記",
    "财": "財",
    "产": "產",
    "银": "銀",
    "账": "帳",
    "户": "戶",
    "护": "護",
    "颜": "顏",
    "肤": "膚",
    "种": "種",
    "动": "動",
    "会": "會",
    "罢": "罷",
    "争": "爭",
    "议": "議",
    "统": "統",
    "独": "獨",
    "蓝": "藍",
    "绿": "綠",
    "观": "觀",
    "倾": "傾",
    "恋": "戀",
    "别": "別",
    "异": "異",
    "双": "雙",
    "质": "質",
    "气": "氣",
    "态": "態",
    "丑": "醜",
    "帅": "帥",
    "脸": "臉",
    "钱": "錢",
    "贫": "貧",
    "穷": "窮",
    "阶": "階",
    "级": "級",
    "层": "層",
    "门": "門",
    "蝎": "蠍",
    "请": "請",
    "为": "為",
    "与": "與",
    "仅": "僅",
    "从": "從",
    "来": "來",
    "过": "過",
    "满": "滿",
    "没": "沒",
    "无": "無",
    "说": "說",
    "讲": "講",
    "话": "話",
    "粤": "粵",
    "闽": "閩",
    "陆": "陸",
    "东": "東",
    "亚": "亞",
    "韩": "韓",
    "宝": "寶",
    "儿": "兒",
    "于": "於",
    "婴": "嬰",
    "职": "職",
    "简": "簡",
    "论": "論",
    "认": "認",
    "识": "識",
    "样": "樣",
    "标": "標",
    "轻": "輕",
    "绍": "紹",
    "结": "結",
    "么": "麼",
    "龙": "龍",
    "乐": "樂",
    "养": "養",
    "宁": "寧",
    "园": "園",
    "坛": "壇",
    "庙": "廟",
    "圣": "聖",
    "礼": "禮",
    "团": "團",
    "兴": "興",
    "义": "義",
    "扰": "擾",
    "联": "聯",
    "络": "絡",
    "\u200b": "",
    "\ufeff": "",
}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_ZH_NUM = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# A Chinese numeral is rewritten only where it reads as an age: before 歲 (also as the first
# half of a range) or right after 年齡/年紀.
_ZH_AGE = re.compile(
    rf"(?P<a>{_ZH_NUM})(?:\s*(?:至|到|~|-)\s*(?P<b>{_ZH_NUM}))?(?=\s*(?:足|周|週|來|多|幾)?歲)"
    rf"|(?<=年齡)(?P<c>{_ZH_NUM})|(?<=年紀)(?P<d>{_ZH_NUM})|(?<=年齡[:為在])(?P<e>{_ZH_NUM})"
    # 超過四十, 年過五十, 四十以上不用來, 三十出頭: a two-digit numeral with a word of age bound
    rf"|(?<=超過|未滿|年滿|年過|年逾|大於|高於|小於|低於)(?P<f>[二三四五六]十[一二三四五六七八九]?)"
    rf"|(?P<g>[二三四五六]十[一二三四五六七八九]?)(?=\s*(?:以上|以下|以內|出頭|上下|左右)(?![萬元人次年天個坪公件]))"
    # birth years: 七十五年次, 民國八十年 (a numeral after 民國 or before 年次)
    rf"|(?P<h>{_ZH_NUM})(?=\s*年次)|(?<=民國)(?P<i>{_ZH_NUM})(?=\s*年)"
)
# 八零後, 九〇後 (the generations): read digit by digit
_ZH_GENERATION = re.compile(r"(?P<j>[五六七八九][零〇])(?=後)")


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
        for group in ("a", "b", "c", "d", "e", "f", "g", "h", "i"):
            if match.group(group) is not None:
                value = zh_numeral_value(match.group(group))
                replacements.append((match.start(group), match.end(group), str(value)))
    for match in _ZH_GENERATION.finditer(norm.text):
        digits = f"{_DIGITS[match.group('j')[0]]}0"
        replacements.append((match.start("j"), match.end("j"), digits))
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
