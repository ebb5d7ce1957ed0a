"""Occupation evidence that survives coder error, title evidence, relevance before logistics."""

from __future__ import annotations

import pytest

from bench.quality.data import load_taxonomy
from jobdesk.domain.matching import Contribution, Match, MatchIndex, SeekerProfile, VacancyRecord
from jobdesk.domain.matching.features import REL_FULL, SCALED, occupation_evidence
from jobdesk.domain.matching.occupations import (
    TIE_DAMP,
    OccupationRelatedness,
    relative_strengths,
)

from .test_matching import TAXONOMY, seeker, vacancy


def _points(m: Match, factor: str) -> float:
    return next(c.points for c in m.contributions if c.factor == factor)


def test_second_suggestion_counts_with_its_strength() -> None:
    # given an ad the coder files under 5120 first, 9331 second at 0.6 of the first's score
    # (below TIE_FROM: the coder's choice is clear, so no tie damping)
    vs = [
        vacancy("second", occupation="5120", occupation_suggestions=(("5120", 5.0), ("9331", 3.0))),
        vacancy("none", occupation="5120", occupation_suggestions=(("5120", 5.0),)),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    # when a seeker wanting 9331 asks
    got = {m.id: m for m in index.top_vacancies(seeker("s"))}
    # then the second guess earns 0.6 × the full occupation points, and says so
    assert _points(got["second"], "occupation") == pytest.approx(0.6 * 30)
    assert "代碼建議第 2 順位" in got["second"].contributions[0].label
    assert _points(got["none"], "occupation") < 10


def test_near_tied_suggestions_count_less_for_both_codes() -> None:
    # given the coder's first two guesses nearly tied (the ad's trade is uncertain)
    tied = relative_strengths([("5120", 5.0), ("9331", 5.0)])
    clear = relative_strengths([("5120", 5.0), ("9331", 2.0)])
    # then both codes carry (1 − TIE_DAMP) of the strength, a clear first guess keeps 1
    assert tied == [("5120", 1.0 - TIE_DAMP), ("9331", 1.0 - TIE_DAMP)]
    assert clear == [("5120", 1.0), ("9331", 0.4)]
    # and an ad of a clear code ranks above an otherwise equal ad of an uncertain one
    vs = [
        vacancy("tied", occupation="9331", occupation_suggestions=(("9331", 5.0), ("5120", 4.9))),
        vacancy("clear", occupation="9331", occupation_suggestions=(("9331", 5.0), ("5120", 1.0))),
    ]
    got = [m.id for m in MatchIndex.build(vs, [], TAXONOMY).top_vacancies(seeker("s"))]
    assert got == ["clear", "tied"]


def test_confirmed_code_is_the_whole_evidence() -> None:
    v = vacancy(
        "v",
        occupation="5120",
        occupation_confirmed=True,
        occupation_suggestions=(("9331", 9.0), ("5120", 1.0)),
    )
    assert occupation_evidence(v) == [("5120", 1.0)]
    unconfirmed = vacancy("u", occupation="5120", occupation_suggestions=(("9331", 9.0),))
    assert occupation_evidence(unconfirmed) == [("5120", 1.0), ("9331", 1.0)]
    assert relative_strengths([("1", 4.0), ("2", 1.0), ("3", 0.01)]) == [("1", 1.0), ("2", 0.25)]


def test_relatedness_crosses_major_groups_from_the_official_names() -> None:
    # given the shipped 6th-revision taxonomy and no ads at all
    tax = load_taxonomy()
    related = OccupationRelatedness.learn(tax.occupations, [])
    # then codes of different major groups whose names share their trade are neighbours
    assert related.related("3313", "2411") >= 0.3  # 會計助理專業人員 ↔ 會計專業人員
    assert related.related("2635", "3412") >= 0.3  # 社會工作專業人員 ↔ 社會工作助理專業人員
    assert related.related("3313", "5120") == 0.0
    assert related.related("3313", "3313") == 0.0  # the code tree handles the same code


def test_relatedness_learned_from_codes_the_coder_ranks_together() -> None:
    names = {"5120": "廚師", "9331": "搬運工", "8344": "堆高機操作人員"}
    lists = [[("9331", 5.0), ("8344", 4.0)]] * 6 + [[("5120", 3.0)]] * 6
    related = OccupationRelatedness.learn(names, lists)
    assert related.related("9331", "8344") > 0.3
    assert related.related("8344", "9331") == related.related("9331", "8344")
    assert related.related("9331", "5120") == 0.0


def test_title_is_evidence_when_the_code_is_wrong() -> None:
    # given two ads the coder filed under a kitchen code, one titled as the seeker's wish
    vs = [
        vacancy("titled", occupation="5120", title="倉儲搬運工"),
        vacancy("other", occupation="5120", title="中餐廚師"),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    s = seeker("s", desired_names=("搬運工",), job_titles=("倉儲搬運",))
    got = {m.id: m for m in index.top_vacancies(s)}
    assert _points(got["titled"], "title") > 10
    assert _points(got["other"], "title") == 0.0
    assert got["titled"].score > got["other"].score


def test_an_unrelated_job_never_wins_by_being_closer_or_better_paid() -> None:
    # given a related job far away at lower pay and an unrelated one next door at high pay
    vs = [
        vacancy("related", township="220", pay_min=30000, pay_max=30000),
        vacancy(
            "unrelated",
            occupation="5120",
            title="中餐廚師",
            description="負責熱炒與備料",
            township="106",
            pay_min=60000,
            pay_max=60000,
        ),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    ranked = index.top_vacancies(seeker("s", experience_text="倉庫搬運"))
    assert [m.id for m in ranked] == ["related", "unrelated"]
    unrelated = ranked[1]
    # its logistics points are scaled by its occupation evidence (none): zero
    assert all(_points(unrelated, f) == 0.0 for f in SCALED)
    assert not unrelated.relevant
    assert ranked[0].relevant
    assert sum(c.points for c in unrelated.contributions) == unrelated.score


def test_logistics_scale_with_occupation_evidence() -> None:
    v = vacancy("v", occupation="9332")  # same 小類: 0.7 × 30 = 21 points
    index = MatchIndex.build([v], [], TAXONOMY)
    s = seeker("s", experience_text="", skills=())
    (m,) = index.top_vacancies(s)
    scale = (_points(m, "occupation") + _points(m, "title")) / REL_FULL
    assert 0 < scale < 1
    assert _points(m, "shifts") == pytest.approx(5.0 * scale, abs=1e-6)
    assert "依職類與職稱相符程度計" in next(
        c.label for c in m.contributions if c.factor == "shifts"
    )


def test_both_directions_same_pair_same_score_with_suggestions() -> None:
    v = vacancy("v", occupation="5120", occupation_suggestions=(("5120", 5.0), ("9331", 2.5)))
    s: SeekerProfile = seeker("s", job_titles=("搬運工",))
    index = MatchIndex.build([v], [s], TAXONOMY)
    (a,) = index.top_vacancies(s)
    (b,) = index.top_seekers(v)
    assert a.score == b.score
    assert a.contributions == b.contributions


def test_suggestion_codes_are_validated() -> None:
    with pytest.raises(ValueError, match="occupation code"):
        VacancyRecord(id="x", occupation_suggestions=(("12a4", 1.0),))


@pytest.mark.parametrize("budget", [0, 3, 10**6])
def test_title_bound_holds_whatever_the_postings_budget(
    monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    import numpy as np

    from jobdesk.domain.matching import titles

    # given random title vectors and a query, some codes added after the postings were built
    rng = np.random.default_rng(3)
    codes = titles.TitleCodes(4)
    # (a vector holds each term once, as the text model writes them)
    ids = np.array([rng.permutation(12)[:4] for _ in range(40)], np.int32)
    ids[rng.random((40, 4)) < 0.2] = -1
    w = rng.random((40, 4)).astype(np.float32) * (ids >= 0)
    codes.codes(ids[:30], w[:30])
    codes.index(12)
    got = codes.codes(ids, w)
    qv = np.zeros(13)
    q_ids = np.array([1, 4, 7, -1], np.int32)
    q_w = np.array([0.6, 0.5, 0.3, 0.0], np.float32)
    qv[q_ids[q_ids >= 0]] = q_w[q_ids >= 0]
    monkeypatch.setattr(titles, "POSTINGS_BUDGET", budget)
    # when the bound is taken
    bound = codes.bound(q_ids, q_w, qv)[got]
    # then it is at least every row's exact title score
    exact = np.minimum((qv[ids] * w).sum(axis=1), 1.0)
    assert (bound >= exact).all()
    if budget >= 10**6:
        assert np.allclose(bound, exact, atol=1e-4)


def _shift(m: Match) -> Contribution:
    return next(c for c in m.contributions if c.factor == "shifts")


def test_part_time_seeker_does_not_fit_a_full_time_job() -> None:
    # given a kitchen job paid by the month (full-time) and one paid by the hour, marked part-time
    vs = [
        vacancy("full", occupation="5120", shifts=frozenset({"day"})),
        vacancy(
            "part",
            occupation="5120",
            shifts=frozenset({"part_time"}),
            pay_basis="hourly",
            pay_min=196,
            pay_max=None,
        ),
        vacancy("unlisted", occupation="5120", shifts=frozenset()),
    ]
    index = MatchIndex.build(vs, [], TAXONOMY)
    # when a seeker who wants half-day part-time work in the daytime asks
    pt = seeker(
        "s",
        desired_occupations=("5120",),
        shifts=frozenset({"day", "part_time"}),
        pay_basis="hourly",
        expected_pay_min=190,
    )
    got = {m.id: m for m in index.top_vacancies(pt)}
    # then the monthly jobs do not fit, whatever their hours, and the label says why
    assert _shift(got["full"]).points == -5.0
    assert _shift(got["unlisted"]).points == -5.0
    assert _shift(got["full"]).label == "班別不符：求職者希望部分工時，職缺為全職（月薪）"
    assert _shift(got["part"]).points == 5.0
    assert got["part"].score > got["full"].score
    # and a seeker who insists on the shifts (hard) never sees the full-time jobs
    hard = seeker(
        "h", desired_occupations=("5120",), shifts=frozenset({"part_time"}), shifts_hard=True
    )
    assert [m.id for m in index.top_vacancies(hard)] == ["part"]
    # and a full-time seeker is unaffected: an unlisted monthly job is still 「班別未指定」
    ft = {m.id: m for m in index.top_vacancies(seeker("f", desired_occupations=("5120",)))}
    assert _shift(ft["unlisted"]).points == 0.0
    assert _shift(ft["unlisted"]).label == "班別未指定"
    assert _shift(ft["full"]).points == 5.0
    # and the same pair scores the same from the vacancy's side
    index = MatchIndex.build(vs, [pt], TAXONOMY)
    there = {m.id: m for m in index.top_vacancies(pt)}["full"]
    back = index.top_seekers(vs[0])[0]
    assert (back.score, back.contributions) == (there.score, there.contributions)
    assert _shift(back).points == -5.0
