"""The matching quality evaluation runs end to end on the shipped queries and judgements.

Needs the real ads in $JOBDESK_SHARED/data/ads (default: <repo>/../shared); skipped without them.
See docs/matching-quality.md for the protocol and the measured figures.
"""

from __future__ import annotations

import pytest

from bench.quality.data import (
    ads_path,
    load_taxonomy,
    read_ads,
    read_judgements,
    read_queries,
    shared_dir,
)

# Measured: jobdesk nDCG@10 0.783 (bootstrap 95% CI 0.732–0.831) on 46 queries. The floor sits
# below the CI's lower end so that engine tuning can move the figure without failing the suite,
# while a real regression (towards BM25's 0.668) does fail it.
NDCG10_FLOOR = 0.70

needs_ads = pytest.mark.skipif(
    not ads_path().exists(),
    reason=f"real ads not found at {ads_path()} (set JOBDESK_SHARED to the shared data folder)",
)


def test_queries_and_judgements_are_well_formed() -> None:
    taxonomy = load_taxonomy()
    queries = read_queries(taxonomy)
    judged = read_judgements()
    assert len(queries) >= 40
    assert len({q.id for q in queries}) == len(queries)
    for q in queries:
        assert q.profile.desired_occupations
        assert q.profile.township in taxonomy.townships
        grades = judged.get(q.id, {})
        assert len(grades) >= 20, q.id
        assert all(0 <= g <= 3 for g in grades.values())
        assert any(g >= 2 for g in grades.values()), f"{q.id} has no relevant ad"
    assert set(judged) == {q.id for q in queries}


@needs_ads
def test_judged_ads_exist() -> None:
    ids = {row["hire_id"] for row in read_ads(shared_dir())}
    judged = read_judgements()
    assert all(h in ids for grades in judged.values() for h in grades)


@needs_ads
def test_evaluation_end_to_end() -> None:
    from bench.matching_quality import evaluate, render

    report = evaluate(shared_dir())
    assert set(report.runs) == {"jobdesk", "bm25", "bm25+commute", "filter"}
    for ranked in report.runs.values():
        assert all(len(r) == len(set(r)) <= 50 for r in ranked.values())
    summary = {s: report.summary(s) for s in report.runs}
    for m in summary.values():
        assert 0.0 <= m["ndcg_lo"] <= m["ndcg10"] <= m["ndcg_hi"] <= 1.0
        assert 0.0 <= m["recall50"] <= 1.0
    assert summary["jobdesk"]["ndcg10"] >= NDCG10_FLOOR, summary
    table = render(report, markdown=True)
    assert "| jobdesk |" in table
    assert "| q01 |" in table
