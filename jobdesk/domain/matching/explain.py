"""zh-Hant labels for the additive contributions of one seeker–vacancy pair."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .features import (
    FACTORS,
    FULL_TIME,
    OCCUPATION_CLOSENESS,
    PART_TIME,
    REL_FULL,
    SCALED,
    SHIFT_ALL,
    W_TITLE,
    Columns,
    Lexicon,
)
from .occupations import OccupationRelatedness
from .profiles import SHIFT_LABELS, SHIFTS, Contribution

_LEVEL_LABEL = {4: "同細類", 3: "同小類", 2: "同中類", 1: "同大類"}
_TEXT, _TITLE, _PAY, _EDU, _EXP, _AVAIL = (
    FACTORS.index(f) for f in ("text", "title", "pay", "education", "experience", "availability")
)
_OCC = FACTORS.index("occupation")


def _shared_digits(s_key: int, v_key: int) -> tuple[int, int]:
    s_code, level = str(s_key // 10).zfill(4)[: s_key % 10], s_key % 10
    v_code = str(v_key // 10).zfill(4)
    shared = 0
    while shared < level and s_code[shared] == v_code[shared]:
        shared += 1
    return shared, level


@dataclass(frozen=True, slots=True)
class Facts:
    """What a label reads of one row, as plain Python values."""

    occ: tuple[int, ...]  # occupation keys (≥ 0)
    occ_w: tuple[float, ...]  # their strengths
    town: int
    pay_basis: int
    shifts: int
    exp: float
    skills: frozenset[int]
    licences: frozenset[int]
    commute: float  # a seeker's max commute (NaN: none; vacancies: NaN)


def facts(c: Columns, rows: np.ndarray) -> list[Facts]:  # type: ignore[type-arg]
    """``Facts`` of rows ``rows`` of ``c`` (one conversion per column, not per value)."""
    cols = [
        c.occ[rows].tolist(),
        c.occ_w[rows].tolist(),
        c.town[rows].tolist(),
        c.pay_basis[rows].tolist(),
        c.shifts[rows].tolist(),
        c.exp[rows].tolist(),
        c.skills[rows].tolist(),
        c.licences[rows].tolist(),
        c.commute[rows].tolist(),
    ]
    return [
        Facts(
            tuple(k for k in occ if k >= 0),
            tuple(w for k, w in zip(occ, occ_w, strict=True) if k >= 0),
            town,
            basis,
            shifts,
            exp,
            frozenset(i for i in sk if i >= 0),
            frozenset(i for i in lic if i >= 0),
            commute,
        )
        for occ, occ_w, town, basis, shifts, exp, sk, lic, commute in zip(*cols, strict=True)
    ]


def _prefix_closeness(shared: int, level: int) -> float:
    return 1.0 if shared >= level else OCCUPATION_CLOSENESS[shared]


def _learned(s_key: int, v_key: int, related: OccupationRelatedness | None) -> float:
    if related is None or s_key % 10 != 4:
        return 0.0
    return float(related.matrix[related.by_code[s_key // 10], related.by_code[v_key // 10]])


def occupation_label(s: Facts, v: Facts, related: OccupationRelatedness | None = None) -> str:
    """What decided the occupation points: the best strength × closeness over the vacancy's codes
    (a confirmed code, or the coder's ranked suggestions) and the seeker's wished codes."""
    if not v.occ or not s.occ:
        return "職類未知"
    return _occupation_label(s.occ, v.occ, v.occ_w, related)


@lru_cache(maxsize=8192)  # the same codes meet again and again (a query's 20 rows, the next query)
def _occupation_label(
    s_occ: tuple[int, ...],
    v_occ: tuple[int, ...],
    v_occ_w: tuple[float, ...],
    related: OccupationRelatedness | None,
) -> str:
    best = (-1.0, 0, 0, 0, 0.0, 0.0)  # value, rank, shared, level, prefix, learned
    for rank, (v_key, w) in enumerate(zip(v_occ, v_occ_w, strict=True)):
        for s_key in s_occ:
            shared, level = _shared_digits(s_key, v_key)
            prefix, learned = _prefix_closeness(shared, level), _learned(s_key, v_key, related)
            value = w * max(prefix, learned)
            if value > best[0]:
                best = (value, rank, shared, level, prefix, learned)
    value, rank, shared, level, prefix, learned = best
    if value <= 0:
        return "職類不同"
    if learned > prefix:
        what = f"職類相關（相關度 {learned:.2f}）"
    elif shared >= level:
        what = f"職類相近（{_LEVEL_LABEL[level]}）" if level == 4 else "職類相符（屬期望職類）"
    else:
        what = f"職類相近（{_LEVEL_LABEL[shared]}）"
    if len(v_occ) > 1 or rank > 0:
        what += f"，代碼建議第 {rank + 1} 順位（強度 {v_occ_w[rank]:.2f}）"
    return what


def _names(ids: frozenset[int], lex: Lexicon) -> str:
    return "、".join(sorted(lex.names[i] for i in ids)[:3])


def _shift_names(mask: int) -> str:
    return "、".join(SHIFT_LABELS[s] for i, s in enumerate(SHIFTS) if mask & (1 << i))


def contributions(
    points: list[float],
    s: Facts,
    v: Facts,
    distance_km: float,
    skills: Lexicon,
    licences: Lexicon,
    related: OccupationRelatedness | None = None,
) -> tuple[Contribution, ...]:
    """One ``Contribution`` per factor, in ``FACTORS`` order (``points`` in that order too)."""
    text_pts, pay, edu = points[_TEXT], points[_PAY], points[_EDU]
    exp, avail, title_pts = points[_EXP], points[_AVAIL], points[_TITLE]

    v_sk = v.skills
    if not v_sk:
        skill_label = "職缺未列技能"
    elif hit := v_sk & s.skills:
        skill_label = f"技能相符：{_names(hit, skills)}（{len(hit)}/{len(v_sk)}）"
    else:
        skill_label = f"技能不符（0/{len(v_sk)}）"

    v_lic = v.licences
    if not v_lic:
        lic_label = "無證照要求"
    elif v_lic <= s.licences:
        lic_label = f"證照相符：{_names(v_lic, licences)}"
    else:
        lic_label = f"缺少證照：{_names(v_lic - s.licences, licences)}"

    if s.town < 0 or v.town < 0:
        dist_label = "地點未知"
    elif distance_km < 1:
        dist_label = "距離不到 1 公里"
    else:
        dist_label = f"距離 {round(distance_km)} 公里"
    if s.town >= 0 and v.town >= 0 and distance_km > s.commute:  # NaN: no limit, never over
        dist_label += f"，超過通勤上限 {s.commute:g} 公里"

    if pay > 0:
        pay_label = "薪資符合期望"
    elif pay < 0:
        pay_label = "薪資低於期望"
    elif v.pay_basis == 4:
        pay_label = "薪資面議"
    else:
        pay_label = "薪資無法比較"

    if s.shifts & PART_TIME and v.shifts & FULL_TIME:  # only vacancies carry FULL_TIME
        shift_label = "班別不符：求職者希望部分工時，職缺為全職（月薪）"
    elif not (s.shifts & SHIFT_ALL and v.shifts & SHIFT_ALL):
        shift_label = "班別未指定"
    elif s.shifts & v.shifts:
        shift_label = f"班別符合：{_shift_names(s.shifts & v.shifts)}"
    else:
        shift_label = f"班別不符：{_shift_names(v.shifts)}"

    need = v.exp
    need_txt = "" if math.isnan(need) else f"（需 {need:g} 年）"
    if title_pts >= W_TITLE / 2:
        title_label = f"職稱相符（相似度 {title_pts / W_TITLE:.2f}）"
    elif title_pts > 0:
        title_label = f"職稱相近（相似度 {title_pts / W_TITLE:.2f}）"
    else:
        title_label = "職稱與期望職務不同"

    labels = {
        "occupation": occupation_label(s, v, related),
        "title": title_label,
        "skills": skill_label,
        "licences": lic_label,
        "text": f"工作內容相近（相似度 {text_pts / 25.0:.2f}）",
        "distance": dist_label,
        "pay": pay_label,
        "shifts": shift_label,
        "education": "學歷符合要求"
        if edu > 0
        else "學歷未達要求"
        if edu < 0
        else "學歷無要求或未知",
        "experience": f"經驗符合{need_txt}"
        if exp > 0
        else f"經驗未達要求{need_txt}"
        if exp < 0
        else "經驗無要求或未知",
        "availability": "可於截止日前到職"
        if avail > 0
        else "可到職日晚於截止日"
        if avail < 0
        else "到職日或截止日未定",
    }
    scale = min(1.0, max(0.0, (points[_OCC] + title_pts) / REL_FULL))
    if scale < 1.0:
        note = f"（依職類與職稱相符程度計 {scale:.0%}）"
        for f in SCALED:
            labels[f] += note
    return tuple(map(_contribution, FACTORS, map(labels.__getitem__, FACTORS), points))


def _contribution(factor: str, label: str, points: float) -> Contribution:
    return tuple.__new__(Contribution, (factor, label, points))
