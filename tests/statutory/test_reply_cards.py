"""推介就業情形回覆卡: the 7-day window per recommendation and the §13 grounds with their facts."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jobdesk.statutory.selectors import deadlines_for, reply_window
from jobdesk.statutory.services.benefit import certify
from jobdesk.statutory.services.replies import record_reply_card
from tests.matching.factories import make_employer, make_vacancy, township, world
from tests.statutory.conftest import taipei
from tests.statutory.factories import make_claim, recommend

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup(personas, reference_data, rules, clock):
    clock(taipei(2026, 3, 1, 9))
    return world(personas)


def test_the_reply_window_runs_seven_days_from_the_taipei_date_of_the_recommendation(
    setup, personas, clock
):
    # given: a recommendation at 23:50 Taipei on 1 March (15:50 UTC, the same date)
    alice = personas["alice"]
    clock(taipei(2026, 3, 1, 23, 50))
    rec = recommend(alice, setup["seeker"], setup["vacancy"])
    # then: due 8 March, due today on 8 March, overdue on the 9th
    assert reply_window(rec, D(2026, 3, 8)).due_on == D(2026, 3, 8)
    [on_7] = deadlines_for(alice, D(2026, 3, 8))
    assert (on_7.kind, on_7.days_left, on_7.overdue) == ("reply", 0, False)
    [on_8] = deadlines_for(alice, D(2026, 3, 9))
    assert on_8.overdue
    # a seeker with no claim and no subsidy: no legal consequence, staff follow up
    assert "無法定效果" in on_8.consequences[0]


def test_a_claimant_is_told_the_section_27_consequence_and_a_late_card_blocks_the_certification(
    setup, personas, clock
):
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 9))
    clock(taipei(2026, 3, 3, 9))
    rec = recommend(alice, setup["seeker"], setup["vacancy"])
    assert any("第27條" in c for c in reply_window(rec, D(2026, 3, 3)).consequences)
    # when: the card comes on day 8 after the recommendation (due 10 March)
    clock(taipei(2026, 3, 11, 9))
    card = record_reply_card(rec, actor=alice, received_on=D(2026, 3, 11), result="not_hired")
    assert card.facts["late"] is True
    # then: the 失業認定 is stopped (§27)
    clock(taipei(2026, 3, 16, 9))
    with pytest.raises(ValidationError, match="第27條"):
        certify(claim, actor=alice, expected_version=claim.version)


def _far_vacancy(personas):
    oscar = personas["oscar"]
    employer = make_employer(oscar, name="臺中精機股份有限公司")
    return make_vacancy(oscar, employer, township=township("臺中市西屯區"), title="CNC 操作員")


def test_refusing_a_job_30_km_or_more_away_is_lawful_and_nearer_is_not(setup, personas, clock):
    alice = personas["alice"]
    make_claim(setup["case"], alice, taipei(2026, 3, 1, 9))
    clock(taipei(2026, 3, 4, 9))
    near = recommend(alice, setup["seeker"], setup["vacancy"])
    far = recommend(alice, setup["seeker"], _far_vacancy(personas))
    # the near one (三重 → 三重) does not meet §13 (2)
    with pytest.raises(ValidationError, match="未達 30 公里"):
        record_reply_card(
            near,
            actor=alice,
            received_on=D(2026, 3, 4),
            result="refused_lawful",
            refusal_ground="distance",
        )
    # unless the distance measured by staff is 30 km or more
    card = record_reply_card(
        near,
        actor=alice,
        received_on=D(2026, 3, 4),
        result="refused_lawful",
        refusal_ground="distance",
        measured_km=31.5,
        note="實際工作地點為外派工地",
    )
    assert card.facts["km_source"] == "實測"
    # the far one (三重 → 臺中) does, from the townships' centroids
    card = record_reply_card(
        far,
        actor=alice,
        received_on=D(2026, 3, 4),
        result="refused_lawful",
        refusal_ground="distance",
    )
    assert card.facts["km"] > 100
    assert card.refusal_basis == "就業保險法第13條第2款"


def test_refusing_pay_below_the_monthly_benefit_is_checked_against_the_claim(
    setup, personas, clock
):
    # given: 62,000 × 60 % = 37,200 a month; the vacancy pays at most 36,000
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 9), avg_insured_salary=62000)
    assert claim.monthly_benefit == 37200
    clock(taipei(2026, 3, 4, 9))
    rec = recommend(alice, setup["seeker"], setup["vacancy"])
    clock(taipei(2026, 3, 5, 9))
    # when an employer offered more than the benefit on the card, the ground fails
    with pytest.raises(ValidationError, match="不低於每月失業給付"):
        record_reply_card(
            rec,
            actor=alice,
            received_on=D(2026, 3, 5),
            result="refused_lawful",
            refusal_ground="pay_below_benefit",
            offered_wage=38000,
        )
    # from the vacancy's advertised pay it holds
    card = record_reply_card(
        rec,
        actor=alice,
        received_on=D(2026, 3, 5),
        result="refused_lawful",
        refusal_ground="pay_below_benefit",
    )
    assert card.facts["offered_wage"] == 36000
    assert card.facts["late"] is False


def test_a_non_claimant_has_no_section_13_ground_and_a_refusal_needs_its_reason(
    setup, personas, clock
):
    alice = personas["alice"]
    clock(taipei(2026, 3, 4, 9))
    rec = recommend(alice, setup["seeker"], _far_vacancy(personas))
    with pytest.raises(ValidationError, match="不適用就業保險法第13條"):
        record_reply_card(
            rec,
            actor=alice,
            received_on=D(2026, 3, 4),
            result="refused_lawful",
            refusal_ground="distance",
        )
    with pytest.raises(ValidationError, match="記載其理由"):
        record_reply_card(rec, actor=alice, received_on=D(2026, 3, 4), result="refused")


def test_a_refusal_without_a_lawful_ground_refuses_the_certification_under_section_15(
    setup, personas, clock
):
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 9))
    clock(taipei(2026, 3, 4, 9))
    rec = recommend(alice, setup["seeker"], setup["vacancy"])
    clock(taipei(2026, 3, 5, 9))
    record_reply_card(
        rec, actor=alice, received_on=D(2026, 3, 5), result="refused", note="不想做夜班以外工作"
    )
    clock(taipei(2026, 3, 16, 9))
    with pytest.raises(ValidationError, match="第15條"):
        certify(claim, actor=alice, expected_version=claim.version)
