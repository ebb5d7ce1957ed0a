"""The speed-ups of the matching engine keep its results: text features, encoders, batch, recall."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from bench.matching_bench import World, load_taxonomy
from jobdesk.domain.matching import MatchIndex, SeekerProfile, VacancyRecord, batch_top_k
from jobdesk.domain.matching import index as index_mod
from jobdesk.domain.matching.features import (
    MAX_LICENCES,
    MAX_OCCUPATIONS,
    MAX_SKILLS,
    PAY_CODES,
    Lexicon,
    encode_seekers,
    encode_vacancies,
    occupation_key,
    shift_mask,
)
from jobdesk.domain.matching.licences import covered, text_requirements
from jobdesk.domain.matching.text import (
    _SEP,
    TextModel,
    _bigrams,
    normalize,
    unique_counts,
    unique_sorted,
    vocabulary_terms,
)

# Retrieval is exact (bound-pruned, docs/matching.md): recall@20 against scoring every row is
# 1.0 by construction. It was 0.603 / 0.725 with the old occupation-tier candidates.
RECALL_FLOOR_VACANCIES = 1.0
RECALL_FLOOR_SEEKERS = 1.0


@pytest.fixture(scope="module")
def world() -> World:
    return World(load_taxonomy(), seed=11)


def test_unique_helpers_match_numpy() -> None:
    rng = np.random.default_rng(0)
    for size in (0, 1, 7, 5000):
        a = rng.integers(0, 50, size).astype(np.int64)
        assert np.array_equal(unique_sorted(a), np.unique(a))
        u, c = unique_counts(a)
        nu, nc = np.unique(a, return_counts=True)
        assert np.array_equal(u, nu)
        assert np.array_equal(c, nc)


def _naive_hits(model: TextModel, docs: list[str]) -> set[tuple[int, int]]:
    """The original per-position ``startswith`` scan."""
    joined = _SEP.join(docs)
    _codes, doc, pos = _bigrams(joined)
    out = set()
    for d, p in zip(doc.tolist(), pos.tolist(), strict=True):
        for i, term in enumerate(model.terms):
            if joined.startswith(term, p):
                out.add((d, model.n_bigrams + i))
    return out


@pytest.mark.parametrize("short_walk", [0, 10**6])
def test_trie_vocabulary_hits_equal_naive_scan(
    short_walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both walks (NumPy steps over every position; Python dicts for short inputs) find what
    the naive scan finds."""
    import jobdesk.domain.matching.text as text_mod

    monkeypatch.setattr(text_mod, "SHORT_WALK", short_walk)
    terms = vocabulary_terms(["堆高機", "堆高機操作證", "廚師", "餐飲服務生", "Excel", "ab", "abc"])
    docs = [
        normalize(t)
        for t in (
            "需操作堆高機，持堆高機操作證者佳",
            "廚師、餐飲服務生；會ＥＸＣＥＬ",
            "abcab abc",
            "",
            "堆",
            "堆高",
            "機操作證堆高機",
        )
    ]
    model = TextModel.fit(docs, terms)
    joined = _SEP.join(docs)
    codes, doc, pos = _bigrams(joined)
    hit_doc, hit_term = model._vocab_hits(joined, codes, doc, pos)
    got = set(zip(hit_doc.tolist(), hit_term.tolist(), strict=True))
    assert got == _naive_hits(model, docs)
    assert (0, model.n_bigrams + model.terms.index("堆高機操作證")) in got


def test_threaded_transform_equals_one_chunk_at_a_time(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jobdesk.domain.matching.text as text_mod

    vacs = world.vacancies(900)
    docs = [index_mod.vacancy_text(v) for v in vacs]
    terms = vocabulary_terms(world.tax.occupations.values())
    monkeypatch.setattr(text_mod, "CHUNK_DOCS", 100)
    m1 = TextModel.fit(docs, terms)
    ids1, w1 = m1.transform(docs)
    monkeypatch.setattr(text_mod, "CHUNK_DOCS", 10_000)
    m2 = TextModel.fit(docs, terms)
    ids2, w2 = m2.transform(docs)
    assert np.array_equal(m1.idf, m2.idf)
    assert np.array_equal(m1.bigram_codes, m2.bigram_codes)
    assert np.array_equal(ids1, ids2)
    assert np.array_equal(w1, w2)


def test_one_document_at_a_time_equals_the_batch(world: World) -> None:
    """A query's text goes through the short walk; the same documents in one batch through the
    vectorised one: identical term ids and weights."""
    vacs = world.vacancies(120)
    docs = [index_mod.vacancy_text(v) for v in vacs]
    model = TextModel.fit(docs, vocabulary_terms(world.tax.occupations.values()))
    ids, w = model.transform(docs)
    for i, d in enumerate(docs):
        one_ids, one_w = model.transform([d])
        assert np.array_equal(one_ids[0], ids[i])
        assert np.array_equal(one_w[0], w[i])


def test_column_encoders_equal_row_by_row(world: World) -> None:
    towns = {z: i for i, z in enumerate(sorted(world.tax.townships))}
    seekers = [*world.seekers(200), SeekerProfile("bare")]
    vacs = [*world.vacancies(200), VacancyRecord("bare", closes=date(2026, 1, 1))]
    sk, lic = Lexicon(), Lexicon()
    c = encode_seekers(seekers, towns, sk, lic)
    ref_sk, ref_lic = Lexicon(), Lexicon()
    for i, s in enumerate(seekers):
        keys = sorted({occupation_key(o) for o in s.desired_occupations})[:MAX_OCCUPATIONS]
        assert c.occ[i].tolist() == keys + [-1] * (MAX_OCCUPATIONS - len(keys))
        assert c.town[i] == (towns.get(s.township, -1) if s.township else -1)
        assert c.pay_basis[i] == (PAY_CODES[s.pay_basis] if s.pay_basis else -1)
        assert c.shifts[i] == shift_mask(s.shifts)
        assert c.day[i] == (0 if s.available_from is None else s.available_from.toordinal())
        assert c.pay_hard[i] == s.min_pay_hard
        assert c.skills[i].tolist() == ref_sk.row(s.skills, MAX_SKILLS)
        # a seeker's licences with those they cover (licences.covered)
        assert c.licences[i].tolist() == ref_lic.row(covered(s.licences), MAX_LICENCES)
    assert np.isnan(c.commute[-1])
    assert np.isnan(c.exp[-1])
    assert c.edu[-1] == -1
    assert sk.names == ref_sk.names
    assert lic.names == ref_lic.names
    v = encode_vacancies(vacs, towns, sk, lic)
    for i, r in enumerate(vacs):
        assert v.occ[i, 0] == (occupation_key(r.occupation) if r.occupation else -1)
        hi = r.pay_max if r.pay_max is not None else r.pay_min
        assert (np.isnan(v.pay_hi[i]) and hi is None) or v.pay_hi[i] == hi
        assert v.skills[i].tolist() == ref_sk.row(r.skills, MAX_SKILLS)
        # the listed licences and those the ad's text requires (licences.text_requirements)
        required = (*r.licences, *text_requirements(r.title, r.description))
        assert v.licences[i].tolist() == ref_lic.row(required, MAX_LICENCES)
        assert v.day[i] == (0 if r.closes is None else r.closes.toordinal())


def test_batch_same_with_one_or_two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import jobdesk.domain.matching.batch as batch_mod

    w = World(load_taxonomy(), seed=13)
    seekers = w.seekers(300)
    index = MatchIndex.build(w.vacancies(300), seekers, w.tax)
    monkeypatch.setattr(batch_mod, "PAIR_CHUNK", 5_000)  # many steps
    one = batch_top_k(index, 10, workers=1)
    two = batch_top_k(index, 10, workers=2)
    for a, b in (
        (one.seeker_top, two.seeker_top),
        (one.vacancy_top, two.vacancy_top),
        (one.seeker_scores, two.seeker_scores),
        (one.vacancy_scores, two.vacancy_scores),
    ):
        assert np.array_equal(a, b, equal_nan=True)
    # and equal to the per-query top-k (exhaustive at this size)
    for s in random.Random(3).sample(seekers, 25):
        assert two.for_seeker(s.id) == [(m.id, m.score) for m in index.top_vacancies(s, 10)]


def test_candidate_recall_against_brute_force(monkeypatch: pytest.MonkeyPatch) -> None:
    """Top-20 of the bound-pruned path vs scoring every row, on 6k + 6k synthetic records."""
    w = World(load_taxonomy(), seed=5)
    n = 6_000  # above EXHAUSTIVE_ROWS, so queries take the bound-pruned path
    vacs, seekers = w.vacancies(n), w.seekers(n)
    index = MatchIndex.build(vacs, seekers, w.tax)
    rng = random.Random(9)
    qs, qv = rng.sample(seekers, 60), rng.sample(vacs, 60)
    approx_matches = [index.top_vacancies(s, 20) for s in qs]
    approx_back_matches = [index.top_seekers(v, 20) for v in qv]
    approx = [[m.id for m in ms] for ms in approx_matches]
    approx_back = [[m.id for m in ms] for ms in approx_back_matches]
    monkeypatch.setattr(index_mod, "EXHAUSTIVE_ROWS", 10**9)
    exact_matches = [index.top_vacancies(s, 20) for s in qs]
    exact_back_matches = [index.top_seekers(v, 20) for v in qv]
    exact = [[m.id for m in ms] for ms in exact_matches]
    exact_back = [[m.id for m in ms] for ms in exact_back_matches]

    def recall(got: list[list[str]], want: list[list[str]]) -> float:
        found = sum(len(set(a) & set(e)) for a, e in zip(got, want, strict=True))
        return found / max(1, sum(len(e) for e in want))

    fwd, back = recall(approx, exact), recall(approx_back, exact_back)
    print(f"recall@20 top_vacancies {fwd:.3f}, top_seekers {back:.3f}")
    assert fwd >= RECALL_FLOOR_VACANCIES, fwd
    assert back >= RECALL_FLOOR_SEEKERS, back
    # exact, not just the same ids: same order, scores and explanations
    assert approx_matches == exact_matches
    assert approx_back_matches == exact_back_matches


def test_small_closeness_equals_the_key_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Occupation closeness over all keys at once (small inputs) equals the loop over key
    columns (large grids), for rows with missing keys, groups and unknown vacancy codes."""
    from jobdesk.domain.matching import features as features_mod

    rng = np.random.default_rng(3)
    codes = [occupation_key(c) for c in ("9321", "932", "93", "9", "5120", "512", "4110", "3")]
    s_occ = rng.choice([*codes, -1], size=(300, MAX_OCCUPATIONS)).astype(np.int32)
    v_occ = rng.choice([*codes, -1], size=300).astype(np.int32)
    cases = [(s_occ, v_occ), (s_occ[:1], v_occ), (s_occ[:, :1], v_occ[0]), (s_occ[:40], v_occ[:40])]
    for s, v in cases:
        monkeypatch.setattr(features_mod, "SMALL_CLOSENESS", 0)
        loop = features_mod.occupation_closeness(s, v)
        monkeypatch.setattr(features_mod, "SMALL_CLOSENESS", 10**9)
        small = features_mod._closeness_small(s, v, np.asarray(features_mod.OCCUPATION_CLOSENESS))
        assert loop.shape == small.shape
        assert np.array_equal(loop, small)
        assert (loop > 0).any()
