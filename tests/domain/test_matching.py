"""Matching engine: ranking, explanations, hard filters, updates, both directions, batch."""

from __future__ import annotations

import ast
import dataclasses
import random
from datetime import date
from pathlib import Path

import pytest

from jobdesk.domain.matching import (
    FACTORS,
    MatchIndex,
    SeekerProfile,
    Taxonomy,
    Township,
    VacancyFilters,
    VacancyRecord,
    batch_top_k,
)

OCCUPATIONS = {
    "9": "基層技術工及勞力工",
    "93": "製造、營造及運輸勞力工",
    "933": "運輸及倉儲勞力工",
    "9331": "搬運工",
    "9332": "貨物裝卸工",
    "8": "機械設備操作及組裝人員",
    "83": "駕駛及移運設備操作人員",
    "834": "移運設備操作人員",
    "8344": "堆高機操作人員",
    "5": "服務及銷售工作人員",
    "51": "個人服務工作人員",
    "512": "廚師",
    "5120": "廚師",
    "513": "餐飲服務人員",
    "5131": "餐飲服務生",
    "4": "事務支援人員",
    "41": "一般辦公室事務人員",
    "411": "一般辦公室事務人員",
    "4110": "一般事務人員",
}
TOWNS = {
    "100": Township("100", "臺北市", "中正區", 121.5198839, 25.03240487),
    "106": Township("106", "臺北市", "大安區", 121.5434, 25.0264),
    "220": Township("220", "新北市", "板橋區", 121.4588, 25.0117),
    "300": Township("300", "新竹市", "新竹市", 120.9686, 24.8066),
    "800": Township("800", "高雄市", "新興區", 120.3072, 22.6305),
}
TAXONOMY = Taxonomy(OCCUPATIONS, TOWNS, ("堆高機", "堆高機操作證"))


def vacancy(vid: str, **kw: object) -> VacancyRecord:
    base: dict[str, object] = {
        "occupation": "9331",
        "township": "100",
        "pay_basis": "monthly",
        "pay_min": 32000,
        "pay_max": 36000,
        "shifts": frozenset({"day"}),
        "title": "倉儲搬運人員",
        "description": "負責倉庫貨物搬運、上下架與盤點，需操作堆高機。",
    }
    base.update(kw)
    return VacancyRecord(id=vid, **base)  # type: ignore[arg-type]


def seeker(sid: str, **kw: object) -> SeekerProfile:
    base: dict[str, object] = {
        "desired_occupations": ("9331",),
        "township": "106",
        "pay_basis": "monthly",
        "expected_pay_min": 30000,
        "shifts": frozenset({"day"}),
        "education": 3,
        "experience_years": 2.0,
        "experience_text": "曾在物流倉庫負責貨物搬運與盤點",
        "skills": ("堆高機",),
    }
    base.update(kw)
    return SeekerProfile(id=sid, **base)  # type: ignore[arg-type]


def random_world(n_v: int, n_s: int, seed: int) -> tuple[list[VacancyRecord], list[SeekerProfile]]:
    rng = random.Random(seed)
    codes = [c for c in OCCUPATIONS if len(c) == 4]
    texts = [
        "倉庫搬運與盤點",
        "餐廳外場服務與點餐",
        "廚房備料與烹調",
        "文書處理與電話接聽",
        "操作堆高機裝卸貨物",
        "客戶服務與收銀",
    ]
    skills = ["堆高機", "收銀", "電腦文書", "烹飪", "駕駛"]
    vs = [
        VacancyRecord(
            id=f"v{i:04d}",
            occupation=rng.choice(codes),
            township=rng.choice([*TOWNS, None]),
            pay_basis=rng.choice(["monthly", "hourly", "negotiable", None]),
            pay_min=rng.choice([None, 28000, 190, 35000]),
            pay_max=rng.choice([None, 40000, 220]),
            shifts=frozenset(
                rng.sample(["day", "evening", "night", "part_time"], rng.randint(0, 2))
            ),
            min_education=rng.choice([None, 2, 3, 5]),
            min_experience_years=rng.choice([None, 0.0, 1.0, 3.0]),
            title=rng.choice(texts),
            description=rng.choice(texts) + "。" + rng.choice(texts),
            skills=tuple(rng.sample(skills, rng.randint(0, 2))),
            licences=tuple(rng.sample(["堆高機操作證", "職業駕照"], rng.randint(0, 1))),
            closes=rng.choice([None, date(2026, 3, 1), date(2026, 6, 1)]),
            occupation_suggestions=tuple(
                (c, round(rng.uniform(0.1, 6.0), 3)) for c in rng.sample(codes, rng.randint(0, 3))
            ),
            occupation_confirmed=rng.random() < 0.2,
        )
        for i in range(n_v)
    ]
    ss = [
        SeekerProfile(
            id=f"s{i:04d}",
            desired_occupations=tuple(rng.sample([*codes, "93", "5", "41"], rng.randint(0, 2))),
            township=rng.choice([*TOWNS, None]),
            max_commute_km=rng.choice([None, 10.0, 50.0]),
            pay_basis=rng.choice(["monthly", "hourly", None]),
            expected_pay_min=rng.choice([None, 30000, 200]),
            shifts=frozenset(
                rng.sample(["day", "evening", "night", "part_time"], rng.randint(0, 2))
            ),
            education=rng.choice([None, 1, 3, 5]),
            experience_years=rng.choice([None, 0.0, 2.0]),
            experience_text=rng.choice(texts),
            skills=tuple(rng.sample(skills, rng.randint(0, 2))),
            licences=tuple(rng.sample(["堆高機操作證", "職業駕照"], rng.randint(0, 1))),
            available_from=rng.choice([None, date(2026, 2, 1), date(2026, 4, 1)]),
            min_pay_hard=rng.random() < 0.2,
            shifts_hard=rng.random() < 0.2,
            desired_names=tuple(rng.sample(texts, rng.randint(0, 1))),
            job_titles=tuple(rng.sample(["倉管", "收銀員", "廚師"], rng.randint(0, 1))),
        )
        for i in range(n_s)
    ]
    return vs, ss


def test_closer_occupation_ranks_higher() -> None:
    vs = [
        vacancy("exact"),
        vacancy("same-minor", occupation="9332"),
        vacancy("same-major", occupation="8344"),
        vacancy("other", occupation="5120", title="廚師", description="烹調料理"),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    ranked = [m.id for m in index.top_vacancies(seeker("s1"))]
    assert ranked.index("exact") < ranked.index("same-minor") < ranked.index("other")
    labels = {m.id: m.contributions[0].label for m in index.top_vacancies(seeker("s1"))}
    assert labels["exact"] == "職類相近（同細類）"
    assert labels["same-minor"] == "職類相近（同小類）"


def test_explanations_sum_exactly_to_score() -> None:
    vs, ss = random_world(80, 40, seed=1)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    for s in ss:
        for m in index.top_vacancies(s, k=10):
            assert [c.factor for c in m.contributions] == list(FACTORS)
            assert sum(c.points for c in m.contributions) == m.score
            assert all(c.label for c in m.contributions)


def test_labels_carry_values() -> None:
    v = vacancy("v1", skills=("堆高機",), licences=("堆高機操作證",), min_education=5)
    index = MatchIndex.build([v], [], TAXONOMY)
    (m,) = index.top_vacancies(seeker("s1"))
    labels = {c.factor: c.label for c in m.contributions}
    assert labels["skills"].startswith("技能相符：堆高機")
    assert labels["licences"] == "缺少證照：堆高機操作證"
    assert labels["education"] == "學歷未達要求"
    assert labels["distance"].startswith("距離 ")
    assert labels["distance"].endswith(" 公里")
    assert labels["pay"] == "薪資符合期望"
    points = {c.factor: c.points for c in m.contributions}
    assert points["licences"] < 0
    assert points["education"] < 0


def test_hard_filters_only_where_set() -> None:
    vs = [
        vacancy("near"),
        vacancy("far", township="800"),
        vacancy("cheap", pay_max=25000, pay_min=25000),
        vacancy("night", shifts=frozenset({"night"})),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    soft = {m.id for m in index.top_vacancies(seeker("s"))}
    assert soft == {"near", "far", "cheap", "night"}
    hard = seeker("s", max_commute_km=20.0, min_pay_hard=True, shifts_hard=True)
    assert {m.id for m in index.top_vacancies(hard)} == {"near"}
    assert {m.id for m in index.top_seekers(vs[1])} == set()  # no seekers indexed


def test_blocked_and_closed_never_served() -> None:
    vs = [
        vacancy("ok"),
        vacancy("dispute", employer_blocked=True),
        vacancy("finding", compliance_blocked=True),
        vacancy("closed", is_open=False),
    ]
    index = MatchIndex.build(vs, [seeker("s")], TAXONOMY)
    assert [m.id for m in index.top_vacancies(seeker("s"))] == ["ok"]
    assert index.top_seekers(vs[1]) == []
    index.upsert_vacancy(vacancy("ok", is_open=False))
    assert index.top_vacancies(seeker("s")) == []
    assert (batch_top_k(index, k=5).seeker_top == -1).all()


def test_updates_visible_to_next_query() -> None:
    index = MatchIndex.build([vacancy("a")], [seeker("s1")], TAXONOMY)
    index.upsert_vacancy(vacancy("b", occupation="9332"))
    assert {m.id for m in index.top_vacancies(seeker("x"))} == {"a", "b"}
    index.remove_vacancy("a")
    assert {m.id for m in index.top_vacancies(seeker("x"))} == {"b"}
    index.upsert_seeker(seeker("s2", township="800"))
    index.remove_seeker("s1")
    assert [m.id for m in index.top_seekers(vacancy("b"))] == ["s2"]
    index.upsert_seeker(seeker("s2", township="100"))  # replaced, not duplicated
    assert [m.id for m in index.top_seekers(vacancy("b"))] == ["s2"]
    index.compact()
    assert {m.id for m in index.top_vacancies(seeker("x"))} == {"b"}


def test_filters() -> None:
    vs = [
        vacancy("tp"),
        vacancy("nt", township="220"),
        vacancy("cook", occupation="5120"),
        vacancy("hourly", pay_basis="hourly", pay_min=200, pay_max=None),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    s = seeker("s")
    assert {m.id for m in index.top_vacancies(s, filters=VacancyFilters(county="新北市"))} == {"nt"}
    got = index.top_vacancies(s, filters=VacancyFilters(occupation_prefix="51"))
    assert [m.id for m in got] == ["cook"]
    got = index.top_vacancies(s, filters=VacancyFilters(min_pay=180, pay_basis="hourly"))
    assert [m.id for m in got] == ["hourly"]
    got = index.top_vacancies(s, filters=VacancyFilters(min_pay=1480, pay_basis="daily"))
    assert [m.id for m in got] == ["hourly"]  # 200/h × 8 h ≥ 1,480/day


def test_both_directions_agree() -> None:
    vs, ss = random_world(60, 50, seed=2)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    forward = {(s.id, m.id): m.score for s in ss for m in index.top_vacancies(s, k=100)}
    backward = {
        (m.id, v.id): m.score for v in vs if v.servable for m in index.top_seekers(v, k=100)
    }
    assert forward == backward
    assert len(forward) > 100


def test_batch_equals_per_query_top_k() -> None:
    vs, ss = random_world(70, 45, seed=3)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    seen: list[tuple[int, int]] = []
    result = batch_top_k(index, k=7, progress=lambda d, t: seen.append((d, t)))
    assert seen
    assert seen[-1][0] == seen[-1][1]
    for s in ss:
        expected = [(m.id, m.score) for m in index.top_vacancies(s, k=7)]
        assert result.for_seeker(s.id) == expected
    for v in vs:
        expected = [(m.id, m.score) for m in index.top_seekers(v, k=7)]
        assert result.for_vacancy(v.id) == expected


def test_deterministic_ties_by_id() -> None:
    vs = [vacancy(f"v{i}") for i in (3, 1, 2)]
    index = MatchIndex.build(vs, [], TAXONOMY)
    assert [m.id for m in index.top_vacancies(seeker("s"))] == ["v1", "v2", "v3"]


def test_validation() -> None:
    with pytest.raises(ValueError, match="shifts"):
        SeekerProfile(id="x", shifts=frozenset({"weekend"}))
    with pytest.raises(ValueError, match="4-digit"):
        VacancyRecord(id="x", occupation="93")


def test_engine_never_imports_django() -> None:
    package = Path(__file__).resolve().parents[2] / "jobdesk" / "domain" / "matching"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "django" for n in names), path


def test_taxonomy_from_the_shipped_csv() -> None:
    # the product's own copy of the official lists (jobdesk/taxonomy/data, sources in SOURCE.md)
    shared = Path(__file__).resolve().parents[2] / "jobdesk" / "taxonomy" / "data"
    tax = Taxonomy.from_csv(
        shared / "tw_occupation_6th_2010.csv", shared / "tw_postal3_district_centroids.csv"
    )
    assert len(tax.townships) >= 368
    assert tax.occupations["1111"] == "民意代表"
    _ = dataclasses.asdict(tax.townships["100"])
