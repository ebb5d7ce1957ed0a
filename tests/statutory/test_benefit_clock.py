"""失業給付: the 14-day clock (§25 ¶2), 失業認定, monthly 再認定 with 求職紀錄 (§29, §30)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jobdesk.statutory.models import ClaimStatus, RecertStatus
from jobdesk.statutory.selectors import case_deadlines, deadlines_for
from jobdesk.statutory.services.benefit import certify, complete_recert
from tests.matching.factories import world
from tests.statutory.conftest import taipei
from tests.statutory.factories import make_claim, recommend, search

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup(personas, reference_data, rules, clock):
    clock(taipei(2026, 3, 1, 0, 30))
    return world(personas)


def test_a_claim_at_00_30_taipei_belongs_to_that_taipei_date(setup, personas):
    # when: registered at 00:30 on 1 March in Taipei (16:30 on 28 February in UTC)
    claim = make_claim(setup["case"], personas["alice"], taipei(2026, 3, 1, 0, 30))
    # then
    assert claim.registered_on == D(2026, 3, 1)
    [deadline] = case_deadlines(setup["case"], personas["alice"], D(2026, 3, 1))
    assert deadline.due_on == D(2026, 3, 15)


def test_day_14_is_the_last_day_to_recommend_and_the_certification_is_due_on_day_15(
    setup, personas, clock
):
    # given
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 0, 30))
    # then: on day 14 the window is still open, due today
    [d14] = deadlines_for(alice, D(2026, 3, 15))
    assert (d14.kind, d14.due_on, d14.days_left, d14.overdue) == (
        "initial",
        D(2026, 3, 15),
        0,
        False,
    )
    assert "第25條" in d14.basis
    # on day 15 the office owes the 失業認定, due that day; overdue the day after
    [d15] = deadlines_for(alice, D(2026, 3, 16))
    assert (d15.kind, d15.due_on, d15.overdue) == ("certify", D(2026, 3, 16), False)
    assert deadlines_for(alice, D(2026, 3, 17), overdue_only=True)[0].kind == "certify"
    assert deadlines_for(personas["sam"], D(2026, 3, 17), overdue_only=True)  # the supervisor's
    assert not deadlines_for(personas["tina"], D(2026, 3, 17))  # another centre's supervisor
    # when: certifying on day 14 is refused (the office must still try to place)
    clock(taipei(2026, 3, 15, 16))
    with pytest.raises(ValidationError, match="最早 2026-03-16"):
        certify(claim, actor=alice, expected_version=claim.version)
    # and on day 15 it is done, with the monthly 再認定 scheduled from that date
    clock(taipei(2026, 3, 16, 9))
    claim = certify(claim, actor=alice, expected_version=claim.version)
    assert claim.status == ClaimStatus.CERTIFIED
    assert claim.certified_on == D(2026, 3, 16)
    dues = list(claim.recerts.values_list("due_on", flat=True))
    assert dues == [D(2026, 4, 16), D(2026, 5, 16), D(2026, 6, 16), D(2026, 7, 16), D(2026, 8, 16)]


def test_a_recommendation_within_the_14_days_stops_the_window_clock(setup, personas, clock):
    alice = personas["alice"]
    make_claim(setup["case"], alice, taipei(2026, 3, 1, 0, 30))
    clock(taipei(2026, 3, 10, 14))
    recommend(alice, setup["seeker"], setup["vacancy"])
    kinds = {d.kind for d in deadlines_for(alice, D(2026, 3, 10))}
    # the reply card's 7 days, and the 認定 on the result, no longer the 14-day window
    assert kinds == {"reply", "certify"}


def test_a_missing_reply_card_stops_the_certification_under_section_27(setup, personas, clock):
    # given: a recommendation on day 5 whose card never came back
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 0, 30))
    clock(taipei(2026, 3, 6, 10))
    recommend(alice, setup["seeker"], setup["vacancy"])
    # when: the 認定 is attempted on day 16
    clock(taipei(2026, 3, 17, 10))
    with pytest.raises(ValidationError, match="第27條"):
        certify(claim, actor=alice, expected_version=claim.version)


def test_month_end_certification_anchors_every_recertification(setup, personas, clock):
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 1, 16, 9))
    clock(taipei(2026, 1, 31, 9))
    claim = certify(claim, actor=alice, expected_version=claim.version)
    dues = list(claim.recerts.values_list("due_on", flat=True))
    assert dues[:3] == [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]


def test_a_recertification_needs_two_job_search_records_or_goes_to_cure(setup, personas, clock):
    # given: certified on 16 March, first 再認定 due 16 April
    alice = personas["alice"]
    claim = make_claim(setup["case"], alice, taipei(2026, 3, 1, 0, 30))
    clock(taipei(2026, 3, 16, 9))
    claim = certify(claim, actor=alice, expected_version=claim.version)
    first = claim.recerts.get(number=1)
    clock(taipei(2026, 4, 16, 9))
    # a record from before the period is refused
    with pytest.raises(ValidationError, match="期間內"):
        search(first, alice, D(2026, 3, 10))
    search(first, alice, D(2026, 3, 20))
    # when: only one record at the appointment
    first = complete_recert(
        first, actor=alice, expected_version=first.version, attended_on=D(2026, 4, 16)
    )
    # then: 補正 within 7 days, shown as a deadline with its basis
    assert first.status == RecertStatus.CURING
    assert first.cure_due_on == D(2026, 4, 23)
    [cure] = deadlines_for(alice, D(2026, 4, 16))
    assert cure.kind == "cure"
    assert cure.basis.endswith("（待核對）")
    # when: the second record is brought four days later
    clock(taipei(2026, 4, 20, 9))
    search(first, alice, D(2026, 4, 2), name="蘆洲包裝行")
    first = complete_recert(
        first, actor=alice, expected_version=first.version, attended_on=D(2026, 4, 20)
    )
    assert first.status == RecertStatus.DONE
    # then: the next 再認定 is the one due
    [nxt] = deadlines_for(alice, D(2026, 4, 20))
    assert (nxt.kind, nxt.due_on) == ("recert", D(2026, 5, 16))
    # and a 再認定 out of order is refused
    third = claim.recerts.get(number=3)
    with pytest.raises(ValidationError, match="前一次"):
        complete_recert(
            third, actor=alice, expected_version=third.version, attended_on=D(2026, 4, 20)
        )


def test_a_claim_more_than_two_years_after_separation_is_refused(setup, personas):
    with pytest.raises(ValidationError, match="逾 2 年"):
        make_claim(
            setup["case"],
            personas["alice"],
            taipei(2026, 3, 1, 9),
            separated_on=D(2024, 2, 28),
        )
