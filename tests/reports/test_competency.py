"""Competency assessments: a counsellor's self-assessment, the supervisor's sign-off, versions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobdesk.audit.models import AuditEvent
from jobdesk.common.versioning import ConcurrentEditError
from jobdesk.reports import services
from jobdesk.reports.models import AssessmentStatus

pytestmark = pytest.mark.django_db


def _all(level: int) -> dict[str, str]:
    return {item.code: str(level) for item in services.competency_items()}


def test_items_are_every_indicator_and_ksa(reference_data):
    items = services.competency_items()
    kinds = {i.kind for i in items}
    assert kinds == {"indicator", "knowledge", "skill", "attitude"}
    assert len([i for i in items if i.kind == "indicator"]) == 25
    assert len(items) == 25 + 16 + 13 + 5


def test_self_assessment_then_sign_off(personas, reference_data):
    alice, sam = personas["alice"], personas["sam"]
    # given
    a = services.start_assessment(actor=alice)
    assert a.number == 1
    # when: saved half-way, then submitted
    half = {"P1.1.1": "3"}
    a = services.save_self_assessment(
        a, actor=alice, expected_version=a.version, levels=half, notes={}, submit=False
    )
    with pytest.raises(ValidationError, match="自評尚未評定"):
        services.save_self_assessment(
            a, actor=alice, expected_version=a.version, levels=half, notes={}, submit=True
        )
    a = services.save_self_assessment(
        a,
        actor=alice,
        expected_version=a.version,
        levels=_all(3),
        notes={"P1.1.1": "辦過兩場說明會"},
        submit=True,
    )
    assert a.status == AssessmentStatus.SUBMITTED
    # then: the counsellor cannot sign, the supervisor must rate every item and comment
    with pytest.raises(PermissionDenied):
        services.sign_assessment(
            a, actor=alice, expected_version=a.version, levels=_all(3), notes={}, comment="x"
        )
    with pytest.raises(ValidationError):
        services.sign_assessment(
            a, actor=sam, expected_version=a.version, levels=_all(4), notes={}, comment=""
        )
    with pytest.raises(ConcurrentEditError):
        services.sign_assessment(
            a, actor=sam, expected_version=a.version - 1, levels=_all(4), notes={}, comment="好"
        )
    services.sign_assessment(
        a, actor=sam, expected_version=a.version, levels=_all(4), notes={}, comment="表現穩定"
    )
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SIGNED
    assert a.signed_by == sam
    rating = a.ratings.get(item_code="P1.1.1")
    assert (rating.self_level, rating.supervisor_level, rating.self_note) == (
        3,
        4,
        "辦過兩場說明會",
    )
    assert AuditEvent.objects.filter(event_type="competency.signed").count() == 1
    # a signed version never changes; the next round is version 2
    with pytest.raises(ValidationError):
        services.save_self_assessment(
            a, actor=alice, expected_version=a.version, levels=_all(5), notes={}, submit=False
        )
    assert services.start_assessment(actor=alice).number == 2


def test_one_open_assessment_at_a_time_and_scope(personas, reference_data):
    alice = personas["alice"]
    services.start_assessment(actor=alice)
    with pytest.raises(ValidationError):
        services.start_assessment(actor=alice)
    with pytest.raises(PermissionDenied):
        services.start_assessment(actor=personas["sam"])
    a = services.start_assessment(actor=personas["charlie"])
    services.save_self_assessment(
        a,
        actor=personas["charlie"],
        expected_version=a.version,
        levels=_all(2),
        notes={},
        submit=True,
    )
    with pytest.raises(PermissionDenied):  # centre C's counsellor: not sam's to sign
        services.sign_assessment(
            a,
            actor=personas["sam"],
            expected_version=a.version,
            levels=_all(2),
            notes={},
            comment="x",
        )


def test_levels_are_checked(personas, reference_data):
    a = services.start_assessment(actor=personas["alice"])
    with pytest.raises(ValidationError):
        services.save_self_assessment(
            a,
            actor=personas["alice"],
            expected_version=a.version,
            levels={"P1.1.1": "9"},
            notes={},
            submit=False,
        )


def test_pages_show_own_only_and_evidence(world, client_for, personas):
    alice = client_for(personas["alice"])
    response = alice.post("/reports/competency/new/")
    assert response.status_code == 302
    detail = alice.get(response.url).content.decode()
    assert "P3.4.1" in detail
    assert 'name="self-P3.4.1"' in detail
    bob = client_for(personas["bob"])
    assert bob.get(response.url).status_code == 404  # another counsellor's
    sam = client_for(personas["sam"])
    assert 'name="sup-P3.4.1"' not in sam.get(response.url).content.decode()  # not submitted
