"""Rules are dated data: the value in force on a date, its legal basis, loaded idempotently."""

from __future__ import annotations

import datetime
import json

import pytest

from jobdesk.statutory.models import StatutoryRule
from jobdesk.statutory.rules import FIXTURE, RuleMissing, load_rules, rule

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_shipped_fixture_loads_once_and_keeps_corrections():
    # given
    created, _ = load_rules()
    assert created == len(json.loads(FIXTURE.read_text(encoding="utf-8")))
    row = StatutoryRule.objects.get(key="transport.amount_per_time")
    row.value = 600
    row.save()
    # when: loaded again
    again, updated = load_rules()
    # then: nothing new, the administrator's correction kept
    assert (again, updated) == (0, 0)
    assert rule("transport.amount_per_time", D(2026, 6, 1)).value == 600
    # and --replace restores the shipped value
    load_rules(replace=True)
    assert rule("transport.amount_per_time", D(2026, 6, 1)).value == 500


def test_an_amount_changes_on_its_date_without_a_code_change():
    # given
    load_rules()
    # then: the minimum wage of each year, switching on 1 January
    assert rule("wage.minimum_hourly", D(2025, 12, 31)).value == 190
    assert rule("wage.minimum_hourly", D(2026, 1, 1)).value == 196
    # when: a new amount from a date is added as a row
    StatutoryRule.objects.create(
        key="transport.amount_per_time",
        value=700,
        effective_from=D(2027, 7, 1),
        legal_basis="就業促進津貼實施辦法第8條（修正）",
        status="verified",
    )
    # then
    assert rule("transport.amount_per_time", D(2027, 6, 30)).value == 500
    assert rule("transport.amount_per_time", D(2027, 7, 1)).value == 700
    assert "第8條" in rule("transport.amount_per_time", D(2027, 7, 1)).basis


def test_an_unverified_rule_says_so_in_its_basis_and_a_missing_one_is_an_error():
    load_rules()
    assert rule("benefit.job_search_cure_days", D(2026, 3, 1)).basis.endswith("（待核對）")
    assert not rule("benefit.min_job_search_records", D(2026, 3, 1)).basis.endswith("（待核對）")
    with pytest.raises(RuleMissing, match="找不到"):
        rule("benefit.initial_window_days", D(2020, 1, 1))
