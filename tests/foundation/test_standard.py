"""BHR3333-004v2 as data: every task, output and indicator of the published standard."""

import pytest
from django.urls import reverse

from jobdesk.standard.loader import indicator_codes_of, load_standard, standard_rows
from jobdesk.standard.models import ItemKind, StandardItem

pytestmark = pytest.mark.django_db


def test_the_standard_is_complete():
    rows = standard_rows()
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["code"])
    assert by_kind[ItemKind.TASK] == [
        "T1.1",
        "T1.2",
        "T1.3",
        "T2.1",
        "T2.2",
        "T2.3",
        "T3.1",
        "T3.2",
        "T3.3",
        "T3.4",
    ]
    assert by_kind[ItemKind.OUTPUT] == ["O1.2.1", "O2.3.1", "O3.3.1", "O3.3.2", "O3.4.1"]
    assert len(by_kind[ItemKind.INDICATOR]) == 25
    assert len(by_kind[ItemKind.KNOWLEDGE]) == 16
    assert len(by_kind[ItemKind.SKILL]) == 13
    assert len(by_kind[ItemKind.ATTITUDE]) == 5
    assert indicator_codes_of("T1.2") == ["P1.2.1", "P1.2.2", "P1.2.3", "P1.2.4", "P1.2.5"]


def test_loading_is_idempotent():
    assert load_standard()[0] == len(standard_rows())
    assert load_standard() == (0, 0)
    assert StandardItem.objects.get(code="P3.3.2").parent_id == "T3.3"


def test_standard_page_shows_it(client_for, personas):
    body = client_for(personas["alice"]).get(reverse("standard")).content.decode()
    assert "O1.2.1 就業服務需求表" in body
    assert "P3.3.2" in body
