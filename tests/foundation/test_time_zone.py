"""Dates derived from timestamps are Taipei dates (TIME_ZONE), never UTC dates.

From 00:00 to 08:00 in Taipei the UTC date is still yesterday: a case opened at 00:30 on
3 December used to show 「需求評估 12/02 逾期」 (issue 10, item 3).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.cases import selectors, services
from jobdesk.cases.due import refresh_next_due
from jobdesk.cases.models import Case
from jobdesk.common.dates import local_date
from tests.cases.factories import make_case

TAIPEI = ZoneInfo("Asia/Taipei")


def _half_past_midnight_yesterday() -> datetime.datetime:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return datetime.datetime.combine(yesterday, datetime.time(0, 30), tzinfo=TAIPEI)


def test_local_date_of_half_past_midnight_is_the_taipei_date():
    moment = datetime.datetime(2026, 12, 3, 0, 30, tzinfo=TAIPEI)
    utc = moment.astimezone(datetime.UTC)
    assert utc.date() == datetime.date(2026, 12, 2)  # the trap
    assert local_date(utc) == datetime.date(2026, 12, 3)


@pytest.mark.django_db
def test_caseload_due_date_of_a_case_opened_at_half_past_midnight(reference_data, personas):
    # given a case opened at 00:30 Taipei time yesterday (the UTC date is the day before)
    alice = personas["alice"]
    case = make_case(alice)
    opened = _half_past_midnight_yesterday()
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    case.refresh_from_db()
    refresh_next_due(case)
    # when the caseload is read on that Taipei day
    day = opened.date()
    _, rows = selectors.caseload_page(alice)
    # then the needs assessment is due that day, not the day before, and not overdue
    (row,) = [r for r in rows if r.case.pk == case.pk]
    assert [d.on for d in row.due if d.label == "需求評估"] == [day]
    assert Case.objects.get(pk=case.pk).next_due_on == day
    assert not selectors.caseload_cases(alice, due="overdue", today=day).filter(pk=case.pk)


@pytest.mark.django_db
def test_an_interview_before_the_taipei_opening_date_is_refused(reference_data, personas):
    alice = personas["alice"]
    case = make_case(alice)
    opened = _half_past_midnight_yesterday()
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    case.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.record_needs_assessment(
            case,
            actor=alice,
            data={
                "interviewed_on": opened.date() - datetime.timedelta(days=1),
                "help_requested": "找工作",
                "service_explained": True,
                "competency_vs_market": "相符",
            },
        )
    assert "晤談日期不可早於開案日" in str(exc.value)


def test_no_utc_date_is_taken_from_a_timestamp_in_the_code():
    # ``x_at.date()`` / ``now().date()`` give the UTC date of an aware timestamp
    pattern = re.compile(r"(_at|now\(\)|_time)\)?\.date\(\)")
    root = Path(__file__).resolve().parents[2] / "jobdesk"
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
