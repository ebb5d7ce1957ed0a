"""Licence requirements read from an ad's text, what a seeker's licences cover, and the commute
limit as a soft edge (issue 16, matching quality)."""

from __future__ import annotations

import pytest

from jobdesk.domain.matching import Match, MatchIndex
from jobdesk.domain.matching.features import COMMUTE_REACH, W_OVER_COMMUTE
from jobdesk.domain.matching.licences import covered, text_requirements

from .test_matching import TAXONOMY, seeker, vacancy


def _c(m: Match, factor: str) -> tuple[str, float]:
    return next((c.label, c.points) for c in m.contributions if c.factor == factor)


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("駕駛人員-需有職業大型車駕照(急徵)", ("職業大貨車駕照",)),
        ("1.駕駛公車 2.需有職業大客車或職業聯結車駕照", ("職業大客車駕照",)),
        ("具備職大客車駕駛證(小藍卡)", ("職業大客車駕照",)),
        ("1.具職業小客車以上駕照", ("職業小型車駕照",)),
        ("3.具備普通小型車駕照，能駕駛公司車進行外勤服務", ("普通小型車駕照",)),
        ("備大型重型機車駕照", ("大型重型機車駕照",)),
        ("須具備照顧服務員證照", ("照顧服務員資格",)),
        # alternatives in a list: the weaker qualification is what the ad requires
        (
            "(1)領有照顧服務員結業證書 (2)領有照顧服務員單一丙級證照 (3)護理師執照",
            ("照顧服務員資格",),
        ),
        ("需具備中餐丙級或西餐丙級技術士證", ()),  # either of two: not read
        # preferred, helped to get, or not naming the licence: no requirement
        ("會開車具備駕照者佳", ()),
        ("具普通小型車駕照，尤佳", ()),
        ("公司提供考取職業駕照補助", ()),
        ("具駕照、自備機車及行動網路", ()),
        ("負責倉庫貨物搬運、上下架與盤點，需操作堆高機。", ()),
    ],
)
def test_text_requirements(text: str, required: tuple[str, ...]) -> None:
    assert text_requirements("", text) == required


def test_covered_follows_the_licence_classes() -> None:
    bus = covered(["職業大客車駕照"])
    assert {"職業大客車駕照", "職業大貨車駕照", "職業小型車駕照", "普通小型車駕照"} <= set(bus)
    assert "職業聯結車駕照" not in bus
    assert "職業小型車駕照" not in covered(["普通小型車駕照"])
    assert "照顧服務員資格" in covered(["照顧服務員結業證書"])
    assert "照顧服務員資格" in covered(["照顧服務員單一級"])
    assert covered([]) == ()


def test_text_requirement_scores_like_a_listed_one_in_both_directions() -> None:
    # given an ad that asks for a professional licence only in its text
    ad = vacancy("bus", description="負責接送員工，需有職業大型車駕照。")
    holder = seeker("holder", licences=("職業大客車駕照",))
    lacking = seeker("lacking", licences=("普通小型車駕照",))
    index = MatchIndex.build([ad, vacancy("plain")], [holder, lacking], TAXONOMY)
    # when either seeker asks, then the holder's licence covers it and the other lacks it
    got = {m.id: m for m in index.top_vacancies(holder)}
    assert _c(got["bus"], "licences") == ("證照相符：職業大貨車駕照", 5.0)
    got = {m.id: m for m in index.top_vacancies(lacking)}
    assert _c(got["bus"], "licences") == ("缺少證照：職業大貨車駕照", -10.0)
    # and the vacancy's candidate seekers see the same pairs
    back = {m.id: m for m in index.top_seekers(ad)}
    assert back["holder"].score == next(
        m.score for m in index.top_vacancies(holder) if m.id == "bus"
    )
    assert back["lacking"].contributions == got["bus"].contributions


def test_a_job_just_beyond_the_commute_limit_is_listed_lower() -> None:
    # given a seeker in 大安 whose limit is a little under the distance to 中正 (ad "over")
    index = MatchIndex.build([vacancy("over"), vacancy("near", township="106")], [], TAXONOMY)
    d = float(index.distance[index.towns.index["106"], index.towns.index["100"]])
    just_under = seeker("s", max_commute_km=d / (1 + (COMMUTE_REACH - 1) / 2))
    got = index.top_vacancies(just_under)
    # then the ad beyond the limit is still listed, below the near one, with the penalty
    assert [m.id for m in got] == ["near", "over"]
    label, points = _c(got[1], "distance")
    assert points < -W_OVER_COMMUTE * 0.9
    assert "超過通勤上限" in label
    # and beyond COMMUTE_REACH × the limit it is excluded
    far = seeker("s", max_commute_km=d / (COMMUTE_REACH + 0.1))
    assert [m.id for m in index.top_vacancies(far)] == ["near"]
