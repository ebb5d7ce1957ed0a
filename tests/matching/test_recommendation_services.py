"""The recommendation (推介) state machine: consent, refusals, replies, start → follow-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobdesk.audit.models import AccessEvent, AuditEvent
from jobdesk.common.versioning import ConcurrentEditError
from jobdesk.matching import services
from jobdesk.matching.models import Recommendation, RecommendationStatus

pytestmark = pytest.mark.django_db


def _recommend(w, personas, **kw):
    return services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=True, **kw
    )


def test_recommend_records_consent_case_and_audit(w, personas):
    # when alice recommends with the seeker's agreement
    rec = _recommend(w, personas, note="有堆高機證照")
    # then the row has the seeker's office, the open case, who recorded consent and when
    assert rec.status == RecommendationStatus.RECOMMENDED
    assert rec.office == w["seeker"].office
    assert rec.case == w["case"]
    assert rec.consent_given
    assert rec.consent_recorded_by == personas["alice"]
    assert rec.consent_recorded_at is not None
    assert AuditEvent.objects.filter(event_type="matching.recommended").count() == 1


def test_recommend_without_consent_is_refused_and_saves_nothing(w, personas):
    with pytest.raises(ValidationError) as err:
        services.recommend(
            actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=False
        )
    assert "同意" in str(err.value.message_dict["consent"])
    assert not Recommendation.objects.exists()


def test_recommend_refused_during_labour_dispute_with_reason(w, personas):
    from jobdesk.employers.services import set_labour_dispute

    # given a strike at the employer
    set_labour_dispute(
        w["employer"],
        actor=personas["oscar"],
        kind="strike",
        started_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    w["vacancy"].employer.refresh_from_db()
    # when / then
    with pytest.raises(ValidationError) as err:
        _recommend(w, personas)
    assert "第10條" in " ".join(err.value.messages)
    assert not Recommendation.objects.exists()


def test_recommend_refused_for_closed_vacancy(w, personas):
    from jobdesk.employers.services import change_vacancy_status

    change_vacancy_status(w["vacancy"], actor=personas["oscar"], status="closed")
    with pytest.raises(ValidationError) as err:
        _recommend(w, personas)
    assert "不是開放中" in " ".join(err.value.messages)


def test_second_open_recommendation_of_the_pair_is_refused(w, personas):
    _recommend(w, personas)
    with pytest.raises(ValidationError) as err:
        _recommend(w, personas)
    assert "進行中" in " ".join(err.value.messages)
    assert Recommendation.objects.count() == 1


def test_officer_cannot_recommend_and_outsider_cannot_either(w, personas):
    for who in ("oscar", "charlie"):
        with pytest.raises(PermissionDenied):
            services.recommend(
                actor=personas[who], seeker=w["seeker"], vacancy=w["vacancy"], consent=True
            )


def test_interview_hire_start_places_the_case_in_follow_up(w, personas):
    from jobdesk.cases.models import CaseStatus

    rec = _recommend(w, personas)
    # when the officer records 面試 then 錄取, and alice records 報到
    rec = services.record_reply(
        rec,
        actor=personas["oscar"],
        expected_version=rec.version,
        outcome="interview",
        interview_on=timezone.localdate(),
    )
    rec = services.record_reply(
        rec, actor=personas["oscar"], expected_version=rec.version, outcome="hired"
    )
    rec = services.record_start(
        rec,
        actor=personas["alice"],
        expected_version=rec.version,
        start_date=timezone.localdate(),
        pay=34000,
        pay_basis="monthly",
    )
    # then the case has a placement and is followed up
    assert rec.status == RecommendationStatus.STARTED
    w["case"].refresh_from_db()
    assert w["case"].status in (CaseStatus.PLACED, CaseStatus.FOLLOW_UP)
    assert w["case"].placements.get().employer_label == w["employer"].name
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"matching.reply_interview", "matching.reply_hired", "matching.started"} <= events


def test_officer_cannot_record_start(w, personas):
    rec = _recommend(w, personas)
    rec = services.record_reply(
        rec, actor=personas["oscar"], expected_version=rec.version, outcome="hired"
    )
    with pytest.raises(PermissionDenied):
        services.record_start(
            rec,
            actor=personas["oscar"],
            expected_version=rec.version,
            start_date=timezone.localdate(),
            pay=34000,
            pay_basis="monthly",
        )


def test_not_hired_needs_a_reason_from_the_list(w, personas):
    rec = _recommend(w, personas)
    with pytest.raises(ValidationError) as err:
        services.record_reply(
            rec, actor=personas["oscar"], expected_version=rec.version, outcome="not_hired"
        )
    assert "reason" in err.value.message_dict
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.RECOMMENDED
    rec = services.record_reply(
        rec,
        actor=personas["oscar"],
        expected_version=rec.version,
        outcome="not_hired",
        reason="pay",
    )
    assert rec.get_reply_reason_display() == "待遇不符"


def test_cannot_start_before_hire_and_cannot_reply_after_withdrawal(w, personas):
    rec = _recommend(w, personas)
    with pytest.raises(ValidationError):
        services.record_start(
            rec,
            actor=personas["alice"],
            expected_version=rec.version,
            start_date=timezone.localdate(),
            pay=1,
            pay_basis="monthly",
        )
    rec = services.withdraw(
        rec, actor=personas["alice"], expected_version=rec.version, note="求職者已自行就業"
    )
    with pytest.raises(ValidationError):
        services.record_reply(
            rec, actor=personas["oscar"], expected_version=rec.version, outcome="hired"
        )


def test_stale_version_saves_nothing(w, personas):
    rec = _recommend(w, personas)
    stale = rec.version
    services.record_reply(rec, actor=personas["oscar"], expected_version=stale, outcome="hired")
    other = Recommendation.objects.get(pk=rec.pk)
    with pytest.raises(ConcurrentEditError):
        services.record_reply(
            other, actor=personas["sam"], expected_version=stale, outcome="not_hired", reason="pay"
        )
    assert Recommendation.objects.get(pk=rec.pk).status == RecommendationStatus.HIRED


def test_opening_the_card_logs_a_print_access_and_changes_nothing(w, personas):
    rec = _recommend(w, personas)
    before = Recommendation.objects.values().get(pk=rec.pk)
    services.record_card_viewed(rec, actor=personas["alice"])
    assert AccessEvent.objects.filter(
        action="print", subject_id=str(w["seeker"].public_id)
    ).exists()
    assert Recommendation.objects.values().get(pk=rec.pk) == before


def test_recording_the_card_handed_over_sets_the_time_and_audits(w, personas):
    from jobdesk.audit.models import AuditEvent

    rec = _recommend(w, personas)
    saved = services.record_card_printed(rec, actor=personas["alice"])
    assert Recommendation.objects.get(pk=rec.pk).card_printed_at == saved.card_printed_at
    assert saved.card_printed_at is not None
    assert AuditEvent.objects.filter(event_type="matching.card_printed").count() == 1
