"""Fixtures of the reports tests: a clock that services and ``auto_now`` read, and a hand-counted
world of cases, vacancies, recommendations, follow-ups and a referral across two months."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

TAIPEI = ZoneInfo("Asia/Taipei")


class Clock:
    """``clock.at("2026-10-01 00:30")``: Taipei wall time from now on (``timezone.now`` patched)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=TAIPEI)
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.now.astimezone(datetime.UTC))

    def at(self, text: str) -> datetime.datetime:
        self.now = datetime.datetime.fromisoformat(text).replace(tzinfo=TAIPEI)
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def world(
    clock: Clock,
    personas: dict[str, Any],
    offices: dict[str, Any],
    reference_data: Any,
    settings: Any,
    tmp_path: Any,
) -> dict[str, Any]:
    from tests.reports.world import build_world

    settings.MEDIA_ROOT = tmp_path
    return build_world(clock, personas, offices)


@pytest.fixture
def at(clock: Clock) -> Callable[[str], datetime.datetime]:
    return clock.at
