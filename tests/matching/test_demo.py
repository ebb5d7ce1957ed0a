"""The demo recommendations: made through the services, in different states, idempotent."""

from __future__ import annotations

import io

import pytest

from jobdesk.matching.demo import load_demo
from jobdesk.matching.models import Recommendation
from tests.matching.factories import make_case, make_seeker

pytestmark = pytest.mark.django_db


def test_demo_makes_recommendations_in_different_states_once(w, personas):
    # given a second seeker with an open case
    other = make_seeker(personas["bob"], name="李大同")
    make_case(other, personas["bob"])
    out = io.StringIO()
    # when the demo is loaded twice
    load_demo(out)
    load_demo(out)
    # then two recommendations exist, in two states, and the second run changed nothing
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert Recommendation.objects.count() == 2
    assert statuses == {"recommended", "interview"}
    assert "已存在" in out.getvalue()
