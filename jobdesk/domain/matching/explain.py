"""zh-Hant labels for the additive contributions of one seeker–vacancy pair."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .features import FACTORS, Columns, Lexicon
from .profiles import SHIFT_LABELS, SHIFTS, Contribution

_LEVEL_LABEL = {4: "同細類", 3: "同小類", 2: "同中類", 1: "同大類"}


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
    town: int
    pay_basis: int
    shifts: int
    exp: float
    skills: frozenset[int]
    licences: frozenset[int]


def facts(c: Columns, rows: np.ndarray) -> list[Facts]:  # type: ignore[type-arg]
    """``Facts`` of rows ``rows`` of ``c`` (one conversion per column, not per value)."""
    cols = [
        c.occ[rows].tolist(),
        c.town[rows].tolist(),
        c.pay_basis[rows].tolist(),
        c.shifts[rows].tolist(),
        c.exp[rows].tolist(),
        c.skills[rows].tolist(),
        c.licences[rows].tolist(),
    ]
    return [
        Facts(
            tuple(k for k in occ if k >= 0),
            town,
            basis,
            shifts,
            exp,
            frozenset(i for i in sk if i >= 0),
            frozenset(i for i in lic if i >= 0),
        )
        for occ, town, basis, shifts, exp, sk, lic in zip(*cols, strict=True)
    ]


def occupation_label(s: Facts, v: Facts) -> str:
    v_key = v.occ[0] if v.occ else -1
    keys = s.occ
    if v_key < 0 or not keys:
        return "職類未知"
    best = max((_shared_digits(k, v_key) for k in keys), key=lambda t: (t[0] >= t[1], t[0]))
    shared, level = best
    if shared >= level:
        return f"職類相近（{_LEVEL_LABEL[level]}）" if level == 4 else "職類相符（屬期望職類）"
    if shared == 0:
        return "職類不同"
    return f"職類相近（{_LEVEL_LABEL[shared]}）"


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
) -> tuple[Contribution, ...]:
    """One ``Contribution`` per factor, in ``FACTORS`` order."""
    labels: dict[str, str] = {"occupation": occupation_label(s, v)}

    v_sk, s_sk = v.skills, s.skills
    if not v_sk:
        labels["skills"] = "職缺未列技能"
    elif v_sk & s_sk:
        labels["skills"] = (
            f"技能相符：{_names(v_sk & s_sk, skills)}（{len(v_sk & s_sk)}/{len(v_sk)}）"
        )
    else:
        labels["skills"] = f"技能不符（0/{len(v_sk)}）"

    v_lic, s_lic = v.licences, s.licences
    if not v_lic:
        labels["licences"] = "無證照要求"
    elif v_lic <= s_lic:
        labels["licences"] = f"證照相符：{_names(v_lic, licences)}"
    else:
        labels["licences"] = f"缺少證照：{_names(v_lic - s_lic, licences)}"

    text_pts = points[FACTORS.index("text")]
    labels["text"] = f"工作內容相近（相似度 {text_pts / 25.0:.2f}）"

    if s.town < 0 or v.town < 0:
        labels["distance"] = "地點未知"
    elif distance_km < 1:
        labels["distance"] = "距離不到 1 公里"
    else:
        labels["distance"] = f"距離 {round(distance_km)} 公里"

    pay = points[FACTORS.index("pay")]
    if pay > 0:
        labels["pay"] = "薪資符合期望"
    elif pay < 0:
        labels["pay"] = "薪資低於期望"
    elif v.pay_basis == 4:
        labels["pay"] = "薪資面議"
    else:
        labels["pay"] = "薪資無法比較"

    if not (s.shifts and v.shifts):
        labels["shifts"] = "班別未指定"
    elif s.shifts & v.shifts:
        labels["shifts"] = f"班別符合：{_shift_names(s.shifts & v.shifts)}"
    else:
        labels["shifts"] = f"班別不符：{_shift_names(v.shifts)}"

    edu = points[FACTORS.index("education")]
    labels["education"] = (
        "學歷符合要求" if edu > 0 else "學歷未達要求" if edu < 0 else "學歷無要求或未知"
    )

    exp = points[FACTORS.index("experience")]
    need = v.exp
    need_txt = "" if math.isnan(need) else f"（需 {need:g} 年）"
    labels["experience"] = (
        f"經驗符合{need_txt}"
        if exp > 0
        else f"經驗未達要求{need_txt}"
        if exp < 0
        else "經驗無要求或未知"
    )

    avail = points[FACTORS.index("availability")]
    labels["availability"] = (
        "可於截止日前到職"
        if avail > 0
        else "可到職日晚於截止日"
        if avail < 0
        else "到職日或截止日未定"
    )
    return tuple(Contribution(f, labels[f], p) for f, p in zip(FACTORS, points, strict=True))
