"""The per-process index: built lazily, fresh after edits made anywhere, never serving closed."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jobdesk.matching import index_service
from jobdesk.matching.adapters import seeker_profile, vacancy_record
from tests.matching.factories import make_seeker, make_vacancy

pytestmark = pytest.mark.django_db


def _vacancy_ids(seeker):
    return [m.id for m in index_service.get_index().index.top_vacancies(seeker_profile(seeker), 50)]


def _seeker_ids(vacancy):
    return [m.id for m in index_service.get_index().index.top_seekers(vacancy_record(vacancy), 50)]


def test_built_lazily_once_then_synced(w):
    # when two queries run with no change between them
    first = index_service.get_index()
    second = index_service.get_index()
    # then one build, no sync
    assert first is second
    assert first.builds == 1
    assert first.syncs == 0
    assert str(w["vacancy"].public_id) in first.vacancy_office


def test_edit_made_elsewhere_is_visible_to_the_next_query(w, personas):
    from jobdesk.employers.services import update_vacancy
    from jobdesk.employers.services.vacancies import VACANCY_FIELDS

    assert _vacancy_ids(w["seeker"]) == [str(w["vacancy"].public_id)]
    before = index_service.get_index().index.top_vacancies(seeker_profile(w["seeker"]), 5)[0]
    # when the vacancy's pay drops below the seeker's expectation (no refresh call: as if done
    # by another process)
    update_vacancy(
        w["vacancy"],
        actor=personas["oscar"],
        expected_version=w["vacancy"].version,
        values={f: getattr(w["vacancy"], f) for f in VACANCY_FIELDS}
        | {"pay_min": 20000, "pay_max": 22000},
    )
    after = index_service.get_index().index.top_vacancies(seeker_profile(w["seeker"]), 5)[0]
    # then the staleness check picked it up
    assert after.score < before.score
    assert any(c.label == "薪資低於期望" for c in after.contributions)
    assert index_service.get_index().builds == 1


def test_closed_vacancy_is_never_served(w, personas):
    from jobdesk.employers.services import change_vacancy_status

    assert _vacancy_ids(w["seeker"])
    change_vacancy_status(w["vacancy"], actor=personas["oscar"], status="closed")
    assert _vacancy_ids(w["seeker"]) == []
    change_vacancy_status(w["vacancy"], actor=personas["oscar"], status="open")
    assert _vacancy_ids(w["seeker"]) == [str(w["vacancy"].public_id)]


def test_labour_dispute_removes_the_employers_vacancies(w, personas):
    from jobdesk.employers.services import set_labour_dispute

    assert _vacancy_ids(w["seeker"])
    set_labour_dispute(
        w["employer"], actor=personas["oscar"], kind="strike", started_on=timezone.localdate()
    )
    assert _vacancy_ids(w["seeker"]) == []


def test_new_and_deactivated_seekers(w, personas):
    from jobdesk.cases.services import update_seeker

    index_service.get_index()
    other = make_seeker(personas["bob"], name="李大同")
    assert str(other.public_id) in _seeker_ids(w["vacancy"])
    update_seeker(
        other, actor=personas["bob"], expected_version=other.version, data={"is_active": False}
    )
    assert str(other.public_id) not in _seeker_ids(w["vacancy"])


def test_refresh_api_applies_on_commit(w, personas, django_capture_on_commit_callbacks):
    index_service.get_index()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        vacancy = make_vacancy(personas["oscar"], w["employer"], title="理貨組長")
        index_service.refresh_vacancy(vacancy)
    assert len(callbacks) >= 1
    live = index_service.get_index()
    assert str(vacancy.public_id) in live.vacancy_office


def _on(monkeypatch, day):
    monkeypatch.setattr(index_service.timezone, "localdate", lambda: day)


def test_a_new_day_drops_vacancies_that_closed_without_a_rebuild(w, personas, monkeypatch):
    # given a vacancy that closes today, served today
    today = timezone.localdate()
    closing = make_vacancy(personas["oscar"], w["employer"], title="理貨員", closes_on=today)
    assert str(closing.public_id) in _vacancy_ids(w["seeker"])
    # when the day turns
    _on(monkeypatch, today + datetime.timedelta(days=1))
    ids = _vacancy_ids(w["seeker"])
    # then it is no longer served, the others are, and the index was not rebuilt
    assert str(closing.public_id) not in ids
    assert str(w["vacancy"].public_id) in ids
    assert index_service.get_index().builds == 1
    assert str(closing.public_id) not in index_service.get_index().vacancy_office


def test_a_dispute_that_starts_or_ends_overnight_is_applied(w, personas, monkeypatch):
    from jobdesk.employers.services import set_labour_dispute

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    vacancy_id = str(w["vacancy"].public_id)
    # a strike announced for tomorrow: served today, not tomorrow
    set_labour_dispute(w["employer"], actor=personas["oscar"], kind="strike", started_on=tomorrow)
    assert vacancy_id in _vacancy_ids(w["seeker"])
    _on(monkeypatch, tomorrow)
    assert vacancy_id not in _vacancy_ids(w["seeker"])
    # it ends the day after: served again the day after that
    w["employer"].refresh_from_db()
    set_labour_dispute(
        w["employer"],
        actor=personas["oscar"],
        kind="strike",
        started_on=tomorrow,
        ended_on=tomorrow,
    )
    assert vacancy_id not in _vacancy_ids(w["seeker"])
    _on(monkeypatch, tomorrow + datetime.timedelta(days=1))
    assert vacancy_id in _vacancy_ids(w["seeker"])
    assert index_service.get_index().builds == 1


def test_the_text_model_is_refitted_when_the_index_is_old(w, monkeypatch, settings):
    settings.JOBDESK_MATCH_REFIT_DAYS = 7
    settings.JOBDESK_MATCH_BACKGROUND_REFIT = False
    today = timezone.localdate()
    index_service.get_index()
    _on(monkeypatch, today + datetime.timedelta(days=6))
    assert index_service.get_index().builds == 1
    _on(monkeypatch, today + datetime.timedelta(days=7))
    assert index_service.get_index().builds == 2
    # a clock set back also rebuilds
    _on(monkeypatch, today)
    assert index_service.get_index().builds == 3


def test_a_stop_of_processing_takes_the_seeker_out_of_matching(w, personas):
    import django.core.exceptions

    from jobdesk.matching.services import recommend
    from jobdesk.privacy.services import complete_request, open_request

    # given a seeker the index serves
    index_service.get_index()
    seeker, alice = w["seeker"], personas["alice"]
    assert str(seeker.public_id) in _seeker_ids(w["vacancy"])
    # when the person's request to stop processing is granted (PDPA Art. 3 (4), Art. 11)
    request = open_request(
        seeker, actor=alice, kind="stop", details="不希望再被推介", received_on=timezone.localdate()
    )
    complete_request(request, actor=alice, outcome="已停止處理利用")
    # then the next query no longer serves them, and recommending them is refused
    assert str(seeker.public_id) not in _seeker_ids(w["vacancy"])
    with pytest.raises(django.core.exceptions.ValidationError, match="停止處理利用"):
        recommend(actor=alice, seeker=seeker, vacancy=w["vacancy"], consent=True)


def test_staleness_check_is_index_lookups_and_deletions_are_counted_on_a_timer(
    w, personas, monkeypatch
):
    """Every query reads MAX(updated_at) of the four tables (no COUNT: a scan at 1M rows); the
    counts, which catch deleted rows, run at most every COUNT_EVERY_SECONDS. Meanwhile a
    deleted vacancy never reaches a page: the selectors read the result rows from the DB."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobdesk.employers.models import Vacancy
    from jobdesk.matching.selectors import match_vacancies

    vacancy_id = str(w["vacancy"].public_id)
    index_service.get_index()
    with CaptureQueriesContext(connection) as queries:
        index_service.get_index()
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert sql.count("MAX(") == 4
    assert "COUNT(" not in sql
    # a vacancy deleted outright (another process, no refresh call)
    Vacancy.objects.filter(pk=w["vacancy"].pk).delete()
    assert vacancy_id in _vacancy_ids(w["seeker"])  # the engine still has it ...
    assert match_vacancies(personas["alice"], w["seeker"]) == []  # ... no page shows it
    # once the counts are due, it is gone from the index too
    monkeypatch.setattr(index_service, "COUNT_EVERY_SECONDS", 0.0)
    assert vacancy_id not in _vacancy_ids(w["seeker"])
    assert vacancy_id not in index_service.get_index().vacancy_ids


@pytest.mark.django_db(transaction=True)
def test_a_due_refit_is_built_in_the_background_while_the_old_index_serves(
    personas, reference_data, monkeypatch, settings
):
    from tests.matching.factories import world

    settings.JOBDESK_MATCH_REFIT_DAYS = 7
    settings.JOBDESK_MATCH_BACKGROUND_REFIT = True
    w = world(personas)
    first = index_service.get_index()
    # when the index is a week old
    _on(monkeypatch, timezone.localdate() + datetime.timedelta(days=7))
    served = index_service.get_index()
    # then the old index answered at once, and the fresh one replaced it when built
    assert served is first
    index_service.wait_for_refit(timeout=60)
    fresh = index_service.get_index()
    assert fresh is not first
    assert fresh.builds == 2
    assert fresh.built_on == timezone.localdate()
    assert str(w["vacancy"].public_id) in fresh.vacancy_office


@pytest.mark.django_db(transaction=True)
def test_warming_builds_the_index_off_the_request(personas, reference_data):
    from tests.matching.factories import world

    w = world(personas)
    assert index_service._live is None
    index_service.warm_in_background().join(timeout=60)
    assert index_service._live is not None  # built by the thread, not by the query below
    live = index_service.get_index()
    assert live.builds == 1
    assert str(w["vacancy"].public_id) in live.vacancy_office
