"""Speed work must not move a ranking: the tuning-set rankings equal the committed snapshot.

The snapshot (``tests/domain/data/matching_tuning_rankings.json``) was written by
``python -m bench.quality.rankings --write`` before the query-cost work of wave 3; a change
meant to alter rankings refreshes it in the same commit, saying so. Needs the real ads in
$JOBDESK_SHARED/data/ads; skipped without them.
"""

from __future__ import annotations

import json

import pytest

from bench.quality.data import ads_path
from bench.quality.rankings import SNAPSHOT, snapshot


@pytest.mark.skipif(not ads_path().exists(), reason=f"real ads not found at {ads_path()}")
def test_tuning_set_rankings_equal_the_snapshot() -> None:
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = snapshot()
    assert got.keys() == want.keys()
    for direction in want:
        assert got[direction].keys() == want[direction].keys()
        for key, rows in want[direction].items():
            assert got[direction][key] == rows, f"{direction} {key}"
