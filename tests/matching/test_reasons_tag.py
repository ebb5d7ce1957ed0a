"""``{% match_reasons %}`` writes what ``matching/_contributions.html`` writes, byte for byte
(jobdesk/matching/templatetags/matching_tags.py)."""

from __future__ import annotations

import random

import pytest
from django.template import engines
from django.template.loader import render_to_string

from jobdesk.domain.matching import Contribution

ENGINE = engines["django"]


def _cases() -> list[list[Contribution]]:
    rng = random.Random(5)
    labels = ["職類相符：會計助理", "通勤 12 km", "<b>x</b> & 技能", "班別：日班", ""]
    special = [0.0, -0.0, 0.05, -0.05, 0.04999, 1e-9, -1e-9, 12.25, 12.35, -3.45, 100.0, 2.5]
    out = [[Contribution("x", rng.choice(labels), p) for p in special], []]
    for _ in range(30):
        out.append(
            [
                Contribution(
                    rng.choice(["occupation", "text", "pay"]),
                    rng.choice(labels),
                    round(rng.uniform(-20, 40), rng.choice([0, 1, 2, 3, 6])),
                )
                for _ in range(rng.randrange(1, 12))
            ]
        )
    return out


@pytest.mark.parametrize("as_dicts", [False, True])
def test_the_tag_writes_what_the_template_writes(as_dicts: bool) -> None:
    tag = ENGINE.from_string("{% load matching_tags %}{% match_reasons contributions %}")
    for contributions in _cases():
        given: list[object] = (
            [c._asdict() for c in contributions] if as_dicts else list(contributions)
        )
        expected = render_to_string("matching/_contributions.html", {"contributions": given})
        assert tag.render({"contributions": given}) == expected
