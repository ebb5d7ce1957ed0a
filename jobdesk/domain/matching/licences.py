"""Licences beyond the structured fields: requirements written in an ad's text, and what a
seeker's licences cover.

Many ads state a licence requirement only in their text (「需有職業大型車駕照」, 「須具備照顧服務員
證照」) and list none in the structured field, so the licence factor saw none. Two readings, both
from a small controlled catalogue of licences that employment services handle (no per-ad or
per-profile entries):

- ``text_requirements(title, description)``: the catalogue licences the ad's text *requires*.
  The text is cut into clauses (sentence ends, list numbers, commas); a clause that says the
  licence is only preferred (佳, 優先, 加分…) or is about the employer helping to get one (補助,
  輔導, 考取…) is no requirement. Alternatives in one clause (「職業大客車或職業聯結車駕照」,
  「職業小客車以上」) require the lowest of them.
- ``covered(licences)``: the catalogue licences a seeker's licences satisfy. Driving licences
  follow 道路交通安全規則 §61: a higher class covers the lower ones (聯結車 ⊃ 大客車 ⊃ 大貨車 ⊃
  小型車) and a professional (職業) licence covers the ordinary (普通) one of its class; 大型重型
  機車 covers 普通重型機車. 照顧服務員 training certificates (結業證書) and the 單一級 technician
  certificate both count as the care-worker qualification the ads ask for.

Both return canonical names that are added to the record's licences before encoding (the
vacancy's required set, the seeker's held set), so the existing licence factor, its bound and its
explanation (「缺少證照：職業大貨車駕照」) use them unchanged, in both directions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

CAR_CLASSES = ("小型車", "大貨車", "大客車", "聯結車")
MOTO_CLASSES = ("普通重型機車", "大型重型機車")
# class words as ads and seekers write them → index in CAR_CLASSES
_CAR_WORDS: tuple[tuple[str, int], ...] = (
    ("聯結", 3),
    ("大客", 2),
    ("大巴", 2),
    ("大貨", 1),
    ("大型車", 1),
    ("大卡", 1),
    ("小型車", 0),
    ("小客", 0),
    ("小貨", 0),
    ("汽車", 0),
)
_DRIVING = re.compile(r"駕照|駕駛執照|駕駛證|駕駛照")
_PRO = ("職業", "職大", "職小", "職聯")


def car_licence(level: int, professional: bool) -> str:
    return f"{'職業' if professional else '普通'}{CAR_CLASSES[level]}駕照"


def moto_licence(level: int) -> str:
    return f"{MOTO_CLASSES[level]}駕照"


# other licences: canonical name, words the clause must contain (one of each group)
_OTHER: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("照顧服務員資格", (("照顧服務員", "照服員"), ("證", "結業", "結訓", "單一", "資格"))),
    ("中餐烹調技術士", (("中餐",), ("丙級", "乙級", "證照", "技術士", "證"))),
    ("護理師證書", (("護理師", "護士"), ("證書", "執照", "證照"))),
    ("藥師證書", (("藥師",), ("證書", "執照", "證照"))),
    ("堆高機操作證", (("堆高機",), ("證", "執照"))),
    ("室內配線技術士", (("室內配線",), ("技術士", "證", "丙級", "乙級"))),
    ("美容技術士", (("美容",), ("丙級", "乙級", "技術士"))),
    ("保母技術士", (("保母", "保姆"), ("技術士", "證照", "丙級"))),
)
# a licence that also qualifies for a weaker one: an ad that names both lists alternatives
# (「(1)照顧服務員結業證書 (2)單一級證照 (3)護理師執照」) and requires the weaker one only
_IMPLIES: dict[str, tuple[str, ...]] = {"護理師證書": ("照顧服務員資格",)}
# seekers' licence strings that satisfy each of them (any of the words)
_HELD: dict[str, tuple[str, ...]] = {
    "照顧服務員資格": ("照顧服務員", "照服員", "護理師", "護士"),
    "中餐烹調技術士": ("中餐",),
    "護理師證書": ("護理師",),
    "藥師證書": ("藥師",),
    "堆高機操作證": ("堆高機",),
    "室內配線技術士": ("室內配線",),
    "美容技術士": ("美容",),
    "保母技術士": ("保母", "保姆"),
}

_PREFERRED = ("佳", "優先", "加分", "歡迎", "不限", "尤可", "更好")
_NOT_REQUIRED = ("補助", "協助", "輔導", "考取", "培訓", "加給", "代訓", "附上", "證照管理")
_CLAUSE = re.compile(
    r"[。；;！!\n\r，,]|(?<![0-9])[0-9]{1,2}[.、．)）]|[(（][0-9]{1,2}[)）]|[★●◎■※*]"
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("台", "臺")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(_norm(text)) if c.strip()]


def _car_levels(clause: str) -> list[int]:
    found = []
    for word, level in _CAR_WORDS:
        if word in clause:
            found.append(level)
    return found


def _moto_levels(clause: str) -> list[int]:
    # 「機車駕照」, 「重型機車」 name the licence; 「具駕照、自備機車」 is about getting to work
    if not re.search(r"機車駕|重型機車|重機", clause):
        return []
    return [1] if "大型重型" in clause else [0]


def _driving(clause: str) -> tuple[tuple[int, bool] | None, int | None]:
    """(car level, professional) and moto level a clause names (lowest of alternatives)."""
    if not _DRIVING.search(clause):
        return None, None
    cars = _car_levels(clause.replace("大型重型機車", "").replace("重型機車", ""))
    pro = any(w in clause for w in _PRO)
    moto = _moto_levels(clause)
    car: tuple[int, bool] | None = None
    if cars:
        # 「普通小型車或職業小型車」: the ordinary one is enough
        car = (min(cars), pro and "普通" not in clause)
    elif pro and "駕" in clause:  # 「職業駕照」: a professional licence of the lowest class
        car = (0, True)
    return car, (min(moto) if moto else None)


# a text without any of these names no catalogue licence (most ads: skipped at once)
_TRIGGER = re.compile(r"駕|證|執照|級|技術士")


@lru_cache(maxsize=4096)
def _requirements(text: str) -> tuple[str, ...]:
    if not _TRIGGER.search(text):
        return ()
    car: tuple[int, bool] | None = None
    moto: int | None = None
    other: set[str] = set()
    pieces = _clauses(text)
    for i, clause in enumerate(pieces):
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        if any(w in clause for w in _PREFERRED) or any(w in clause for w in _NOT_REQUIRED):
            continue
        if len(nxt) <= 6 and any(w in nxt for w in _PREFERRED):  # 「…駕照，尤佳」
            continue
        c, m = _driving(clause)
        if c is not None:  # the lowest requirement of the ad (alternatives, 「以上」)
            car = c if car is None else min(car, c)
        if m is not None:
            moto = m if moto is None else min(moto, m)
        for name, groups in _OTHER:
            if all(any(w in clause for w in group) for group in groups):
                if name == "中餐烹調技術士" and "西餐" in clause:  # 「中餐或西餐丙級」
                    continue
                other.add(name)
    out = sorted(n for n in other if not other.intersection(_IMPLIES.get(n, ())))
    if car is not None:
        out.append(car_licence(*car))
    if moto is not None:
        out.append(moto_licence(moto))
    return tuple(out)


def text_requirements(title: str, description: str) -> tuple[str, ...]:
    """Catalogue licences the ad's text requires (canonical names, sorted; maybe none)."""
    return _requirements(f"{title}\n{description}")


@lru_cache(maxsize=4096)
def _covered(licence: str) -> tuple[str, ...]:
    text = _norm(licence)
    out: list[str] = []
    car, moto = _driving(text if _DRIVING.search(text) else text + "駕照")
    if car is not None and (_DRIVING.search(text) or "車" in text):
        level, pro = car
        for lv in range(level + 1):
            out.append(car_licence(lv, False))
            if pro:
                out.append(car_licence(lv, True))
    if moto is not None and "機車" in text:
        out += [moto_licence(m) for m in range(moto + 1)]
    out += [name for name, words in _HELD.items() if any(w in text for w in words)]
    return tuple(out)


def covered(licences: Iterable[str]) -> tuple[str, ...]:
    """The seeker's licences and every catalogue licence they satisfy (first seen first)."""
    out: dict[str, None] = {}
    for lic in licences:
        if lic.strip():
            out[lic] = None
            for name in _covered(lic):
                out[name] = None
    return tuple(out)
