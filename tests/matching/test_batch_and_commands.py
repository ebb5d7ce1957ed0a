"""The nightly batch (task + command) and the match-profile command."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from jobdesk.matching.models import MatchDirection, MatchRun, MatchRunStatus, MatchSuggestion

pytestmark = pytest.mark.django_db


def test_match_batch_now_stores_both_directions_with_progress(w, capsys):
    call_command("match_batch", "--now", "--top", "5")
    run = MatchRun.objects.get()
    assert run.status == MatchRunStatus.DONE
    assert run.percent == 100
    assert run.seekers == 1
    assert run.vacancies == 1
    rows = MatchSuggestion.objects.filter(run=run)
    assert (
        rows.filter(direction=MatchDirection.VACANCIES_FOR_SEEKER, seeker=w["seeker"]).count() == 1
    )
    assert (
        rows.filter(direction=MatchDirection.SEEKERS_FOR_VACANCY, vacancy=w["vacancy"]).count() == 1
    )
    assert rows.first().office == w["seeker"].office
    assert "批次媒合完成" in capsys.readouterr().out


def test_match_batch_enqueues_the_task(w):
    # the test settings run tasks immediately: enqueueing runs it to completion
    call_command("match_batch")
    assert MatchRun.objects.get().status == MatchRunStatus.DONE
    # a second run replaces the first run's suggestions
    call_command("match_batch")
    assert MatchSuggestion.objects.values("run").distinct().count() == 1


def test_a_finished_run_delivered_again_is_not_recomputed(w):
    # given: a run done, whose worker died before the task was marked finished
    from jobdesk.matching.tasks import run_match_batch, start_run

    run = start_run(top_k=5)
    run_match_batch.call(run.pk)
    run.refresh_from_db()
    finished_at, rows = run.finished_at, list(MatchSuggestion.objects.values_list("pk", flat=True))
    # when: the task is delivered a second time
    result = run_match_batch.call(run.pk)
    # then
    run.refresh_from_db()
    assert run.finished_at == finished_at
    assert list(MatchSuggestion.objects.values_list("pk", flat=True)) == rows
    assert result == {"run": run.pk, "suggestions": run.suggestions}


def test_match_profile_ranks_open_vacancies(w, tmp_path, capsys):
    profile = tmp_path / "p.json"
    profile.write_text(
        json.dumps(
            {
                "desired_occupations": ["運輸及倉儲勞力工"],
                "township": "新北市三重區",
                "max_commute_km": 15,
                "expected_pay_min": 30000,
                "pay_basis": "monthly",
                "shifts": ["day"],
                "skills": ["堆高機"],
                "licences": "堆高機操作證",
                "experience_text": "物流理貨",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    call_command("match_profile", str(profile), "--top", "3")
    out = json.loads(capsys.readouterr().out)
    first = out["results"][0]
    assert first["public_id"] == str(w["vacancy"].public_id)
    assert sum(c["points"] for c in first["explanation"]) == first["score"]


def test_match_profile_rejects_unknown_keys(w, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"age": 45, "gender": "F"}), encoding="utf-8")
    with pytest.raises(CommandError, match="不認得的欄位：age、gender"):
        call_command("match_profile", str(profile))


def test_match_profile_takes_occupations_as_code_and_name_objects(w, tmp_path, capsys):
    profile = tmp_path / "p.json"
    occupation = {"code": "9330", "name": "運輸及倉儲勞力工"}
    profile.write_text(
        json.dumps({"desired_occupations": [occupation], "township": "新北市三重區"}),
        encoding="utf-8",
    )
    call_command("match_profile", str(profile), "--top", "1")
    first = json.loads(capsys.readouterr().out)["results"][0]
    assert first["public_id"] == str(w["vacancy"].public_id)
    assert first["explanation"][0]["factor"] == "occupation"


def test_match_profile_lists_only_relevant_vacancies_and_says_how_many(
    w, personas, tmp_path, capsys
):
    from tests.matching.factories import make_vacancy, occupation

    # given one warehouse opening and a design job of another trade
    make_vacancy(
        personas["oscar"],
        w["employer"],
        title="美術編輯助理",
        description="負責排版與海報設計。",
        occupation=occupation("2172"),
        skills="",
        licences="",
    )
    profile = tmp_path / "p.json"
    occupation_obj = {"code": "9330", "name": "理貨員"}
    profile.write_text(
        json.dumps(
            {"desired_occupations": [occupation_obj], "township": "新北市三重區"},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    # when the profile is matched for 5
    call_command("match_profile", str(profile), "--top", "5")
    out = json.loads(capsys.readouterr().out)
    # then only the related vacancy is listed, and the additive fields say so
    assert [r["title"] for r in out["results"]] == ["倉儲理貨員"]
    assert out["relevant_count"] == 1
    assert out["message"].startswith("符合條件的職缺只有 1 筆")
    assert all(r["relevant"] for r in out["results"])
    # the seeker's own name for the job is read against the title
    title = next(c for c in out["results"][0]["explanation"] if c["factor"] == "title")
    assert title["points"] > 0
    # and --widen lists the other trade after it, flagged
    call_command("match_profile", str(profile), "--top", "5", "--widen")
    wide = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in wide["results"]] == ["倉儲理貨員", "美術編輯助理"]
    assert [r["relevant"] for r in wide["results"]] == [True, False]
