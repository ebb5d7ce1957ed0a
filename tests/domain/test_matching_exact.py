"""Exact retrieval: the bound-pruned top-k equals scoring every row (docs/matching.md)."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from bench.matching_bench import World, load_taxonomy
from jobdesk.domain.matching import (
    MatchIndex,
    SeekerFilters,
    SeekerProfile,
    VacancyFilters,
    VacancyRecord,
    retrieval,
)
from jobdesk.domain.matching import index as index_mod
from jobdesk.domain.matching.features import FACTORS, REL_FULL, SCALED, score_pairs
from jobdesk.domain.matching.retrieval import Query, bound_scores, gather_bounds, query_tables

from .test_matching import TAXONOMY, random_world

TEXT = FACTORS.index("text")
TITLE = FACTORS.index("title")
OCC = FACTORS.index("occupation")
SETS = [FACTORS.index("skills"), FACTORS.index("licences")]
LOGISTICS = [FACTORS.index(f) for f in SCALED]


def _both(index: MatchIndex, monkeypatch: pytest.MonkeyPatch, run: object) -> tuple[object, object]:
    """``run()`` through the bound path and through scoring every row."""
    assert callable(run)
    monkeypatch.setattr(index_mod, "EXHAUSTIVE_ROWS", 0)
    pruned = run()
    monkeypatch.setattr(index_mod, "EXHAUSTIVE_ROWS", 10**9)
    brute = run()
    return pruned, brute


def _check_bounds(index: MatchIndex, q_cols: object, seeker_is_query: bool) -> None:
    """bound + text and title points is ≥ the exact score of every allowed row; the per-code
    tables equal the exact occupation, skills + licences and (unscaled) logistics points within
    the slack when ids < 64; rows the bound excludes are excluded by the exact hard filters."""
    side = index.vacancies if seeker_is_query else index.seekers
    n = side.n
    town_ok = np.ones(len(index.towns) + 1, np.bool_)
    q = q_cols
    assert isinstance(q, index_mod.Columns)
    query = Query(q, seeker_is_query, town_ok, index.distance, related=index.related)
    n_sk, n_lic = len(index.skills.names), len(index.licences.names)
    bound = bound_scores(query, side.bounds, side.codes, n, n_sk, n_lic)
    rows = np.arange(n, dtype=np.int64)
    other = side.cols.take(rows)
    s, v = (q, other) if seeker_is_query else (other, q)
    pairs = index_mod.query_pair_inputs(q, other, index.model.size)
    factors, score, allowed = score_pairs(
        s, v, pairs, index.distance[s.town, v.town], index.related
    )
    without_words = score - factors[TEXT] - factors[TITLE]
    alive = side.alive[:n]
    assert np.isneginf(bound[~alive]).all()  # removed rows are never served
    allowed = allowed & alive
    assert not (np.isneginf(bound) & allowed).any()  # never excludes an allowed row
    slack = retrieval.BOUND_SLACK / 10
    gap = np.where(allowed, bound.astype(np.float64) - without_words, 0.0)
    assert gap.min() >= -slack, gap.min()
    # the tables read per row: exact occupation and set points, logistics before the scale
    t, rb = query_tables(query, side.codes, n_sk, n_lic), side.bounds
    occ = np.take(t.occ, rb.occ[:n]).astype(np.float64)
    assert np.where(allowed, occ - factors[OCC], 0.0).min() >= -slack  # strengths rounded up
    weights = other.occ_w if seeker_is_query else np.repeat(q.occ_w, n, axis=0)
    on_grid = (np.abs(weights * 4 - np.rint(weights * 4)) < 1e-9).all(axis=1)
    assert np.abs(np.where(allowed & on_grid, occ - factors[OCC], 0.0)).max() <= slack
    if n_sk <= 64 and n_lic <= 64:
        sets = np.take(t.sets, rb.sets[:n]).astype(np.float64)
        exact_sets = factors[SETS[0]] + factors[SETS[1]]
        assert np.abs(np.where(allowed, sets - exact_sets, 0.0)).max() <= slack
        full = allowed & (factors[OCC] + factors[TITLE] >= REL_FULL)
        raw = np.take(t.a_raw, rb.a[:n]).astype(np.float64) + np.take(t.b_raw, rb.b[:n])
        exact_log = sum(factors[i] for i in LOGISTICS)
        assert np.abs(np.where(full, raw - exact_log, 0.0)).max() <= slack
        assert gather_bounds(t, rb, slice(0, n)).shape == (n,)
    cos_max = retrieval.text_bound(q, side.term_max)
    assert (pairs.text <= cos_max + 1e-9).all()
    title_max = retrieval.text_bound(q, side.title_max, title=True)
    assert (pairs.title <= title_max + 1e-9).all()


def test_bounds_hold_on_edge_case_world() -> None:
    vs, ss = random_world(300, 300, seed=21)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    for s in ss[:60]:
        _check_bounds(index, index._seeker_cols(s), True)
    for v in vs[:60]:
        if v.servable:
            _check_bounds(index, index._vacancy_cols(v), False)


def test_pruned_equals_brute_force_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown fields, hard filters, request filters, ties and updates: identical results."""
    vs, ss = random_world(400, 400, seed=22)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    index.upsert_vacancy(vs[3])  # a tombstone and an appended row
    index.remove_vacancy(vs[4].id)
    index.upsert_seeker(ss[5])
    index.remove_seeker(ss[6].id)
    vfilters = [
        None,
        VacancyFilters(county="新北市"),
        VacancyFilters(occupation_prefix="93"),
        VacancyFilters(min_pay=30000),
        VacancyFilters(shifts=frozenset({"day"})),
    ]
    sfilters = [None, SeekerFilters(county="臺北市"), SeekerFilters(occupation_prefix="5")]
    for i, s in enumerate(ss[:80]):
        for k in (1, 5, 40):
            f = vfilters[i % len(vfilters)]
            pruned, brute = _both(
                index, monkeypatch, lambda s=s, k=k, f=f: index.top_vacancies(s, k, f)
            )
            assert pruned == brute
    for i, v in enumerate(vs[:80]):
        for k in (1, 5, 40):
            g = sfilters[i % len(sfilters)]
            pruned, brute = _both(
                index, monkeypatch, lambda v=v, k=k, g=g: index.top_seekers(v, k, g)
            )
            assert pruned == brute


def test_within_keeps_the_accepted_rows_of_the_best_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scope filter given to the engine (``within``, ``of_best``) returns what filtering the
    ``of_best`` best afterwards returns, cut to k: same ids, scores and explanations."""
    vs, ss = random_world(400, 400, seed=26)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    odd_v = {v.id for v in vs[1::2]}
    odd_s = {s.id for s in ss[1::2]}
    for exhaustive in (0, 10**9):
        monkeypatch.setattr(index_mod, "EXHAUSTIVE_ROWS", exhaustive)
        for s in ss[:40]:
            for k, of_best in ((1, 25), (5, 25), (20, 120), (5, 5)):
                expected = [m for m in index.top_vacancies(s, of_best) if m.id in odd_v][:k]
                got = index.top_vacancies(s, k, within=odd_v.__contains__, of_best=of_best)
                assert got == expected
                assert all(m.id in odd_v for m in got)
        for v in vs[:40]:
            for k, of_best in ((1, 25), (20, 120)):
                expected = [m for m in index.top_seekers(v, of_best) if m.id in odd_s][:k]
                got = index.top_seekers(v, k, within=odd_s.__contains__, of_best=of_best)
                assert got == expected
        # nothing accepted: nothing returned
        assert index.top_vacancies(ss[0], 5, within=lambda _id: False, of_best=50) == []


def test_pruned_exact_with_hashed_masks(monkeypatch: pytest.MonkeyPatch) -> None:
    """More than 64 skills and licences: the masks are hashed, bounds loose, results exact."""
    rng = random.Random(5)
    vs, ss = random_world(300, 300, seed=23)
    many = [f"技能{i}" for i in range(150)]
    vs = [
        VacancyRecord(**{**_fields(v), "skills": tuple(rng.sample(many, rng.randint(0, 6)))})
        for v in vs
    ]
    ss = [
        SeekerProfile(**{**_fields(s), "skills": tuple(rng.sample(many, rng.randint(0, 6)))})
        for s in ss
    ]
    index = MatchIndex.build(vs, ss, TAXONOMY)
    assert len(index.skills.names) > 64
    for s in ss[:40]:
        _check_bounds(index, index._seeker_cols(s), True)
        pruned, brute = _both(index, monkeypatch, lambda s=s: index.top_vacancies(s, 10))
        assert pruned == brute
    for v in vs[:40]:
        pruned, brute = _both(index, monkeypatch, lambda v=v: index.top_seekers(v, 10))
        assert pruned == brute


def _fields(record: object) -> dict[str, object]:
    return {name: getattr(record, name) for name in record.__slots__}  # type: ignore[attr-defined]


def test_recall_is_one_on_20k_synthetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Top-20 both directions on 20k + 20k synthetic records: recall 1.0 against brute force,
    and the same scores and explanations (the whole ``Match``)."""
    w = World(load_taxonomy(), seed=5)
    n = 20_000
    vacs, seekers = w.vacancies(n), w.seekers(n)
    index = MatchIndex.build(vacs, seekers, w.tax)
    rng = random.Random(9)
    counties = sorted({t.county for t in w.tax.townships.values()})
    qs, qv = rng.sample(seekers, 40), rng.sample(vacs, 40)
    for i, s in enumerate(qs):
        f = VacancyFilters(county=rng.choice(counties)) if i % 4 == 1 else None
        pruned, brute = _both(index, monkeypatch, lambda s=s, f=f: index.top_vacancies(s, 20, f))
        assert pruned == brute
    for v in qv:
        pruned, brute = _both(index, monkeypatch, lambda v=v: index.top_seekers(v, 20))
        assert pruned == brute


def test_updates_with_new_values_stay_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records added after the build bring values no row had (pay, dates, townships, skills,
    shifts, occupations): the code dictionaries grow, and results still equal brute force."""
    rng = random.Random(31)
    vs, ss = random_world(300, 300, seed=24)
    index = MatchIndex.build(vs[:150], ss[:150], TAXONOMY)
    for i, v in enumerate(vs[150:]):
        index.upsert_vacancy(
            VacancyRecord(
                **{
                    **_fields(v),
                    "pay_min": 23000 + 777 * i,
                    "pay_max": 24000 + 777 * i,
                    "pay_basis": "monthly",
                    "skills": (f"新技能{i % 7}",),
                    "shifts": frozenset({"rotating"}) if i % 3 == 0 else v.shifts,
                }
            )
        )
    for i, s in enumerate(ss[150:]):
        index.upsert_seeker(
            SeekerProfile(
                **{**_fields(s), "expected_pay_min": 20000 + 333 * i, "skills": (f"新技能{i % 5}",)}
            )
        )
    for v in rng.sample(vs[:150], 30):
        index.remove_vacancy(v.id)
    for s in rng.sample(ss[:150], 30):
        index.remove_seeker(s.id)
    for s in ss[140:200]:
        _check_bounds(index, index._seeker_cols(s), True)
        pruned, brute = _both(index, monkeypatch, lambda s=s: index.top_vacancies(s, 10))
        assert pruned == brute
    for v in vs[140:200]:
        if v.servable:
            _check_bounds(index, index._vacancy_cols(v), False)
        pruned, brute = _both(index, monkeypatch, lambda v=v: index.top_seekers(v, 10))
        assert pruned == brute


def test_request_filters_in_the_tables_match_the_row_reference() -> None:
    """A row's bound is finite exactly when the row is live, passes the request filters (checked
    row by row from the columns) and no hard filter of the pair excludes it."""
    vs, ss = random_world(400, 400, seed=25)
    index = MatchIndex.build(vs, ss, TAXONOMY)
    index.remove_vacancy(vs[0].id)
    index.remove_seeker(ss[0].id)
    town_ok = np.ones(len(index.towns) + 1, np.bool_)
    requests: list[dict[str, Any]] = [
        {"occupation_prefix": "93"},
        {"occupation_prefix": "5"},
        {"min_pay": (30000, 0)},
        {"min_pay": (200, 1)},
        {"shift_mask": 1},
        {"shift_mask": 6, "occupation_prefix": "4"},
    ]
    for seeker_is_query, side, queries in (
        (True, index.vacancies, [index._seeker_cols(s) for s in ss[:25]]),
        (False, index.seekers, [index._vacancy_cols(v) for v in vs[1:26] if v.servable]),
    ):
        n = side.n
        rows = np.arange(n, dtype=np.int64)
        other = side.cols.take(rows)
        for q in queries:
            s, v = (q, other) if seeker_is_query else (other, q)
            pairs = index_mod.query_pair_inputs(q, other, index.model.size)
            _f, _score, allowed = score_pairs(s, v, pairs, index.distance[s.town, v.town])
            for req in requests:
                if "min_pay" in req and not seeker_is_query:
                    continue  # a pay floor is a vacancy search option
                query = Query(q, seeker_is_query, town_ok, index.distance, **req)
                bound = bound_scores(query, side.bounds, side.codes, n, len(index.skills.names), 2)
                expected = index_mod._requested(side, query) & allowed
                assert (np.isfinite(bound) == expected).all(), req
