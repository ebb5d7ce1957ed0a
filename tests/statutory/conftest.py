"""Fixtures of the statutory tests: the shipped rules, a fixed Taipei clock, a claimant."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def taipei(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=TAIPEI)


@pytest.fixture
def rules(db: Any) -> None:
    from jobdesk.statutory.rules import load_rules

    load_rules()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime.datetime], None]:
    """``clock(dt)``: from now on ``timezone.now()`` (and so ``localdate()``) is ``dt``."""

    def set_now(dt: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: dt.astimezone(datetime.UTC))

    return set_now


@pytest.fixture
def claimant(personas: Any, reference_data: Any, rules: Any) -> dict[str, Any]:
    from tests.matching.factories import world

    return world(personas)
