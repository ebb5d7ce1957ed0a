"""The screen and the API change state through the same service function — for every write
the API offers. Each service is replaced by a wrapper that counts its calls (and then does what
the service does); the UI's POST and the API's request must each reach it exactly once.

A second copy of a transition in the API (a view that saves rows itself, or imports the function
under another name so that a fix to the service would not reach it) fails here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import ApiClient
from tests.cases.factories import closure_requested
from tests.matching.factories import national_id

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


@dataclass(frozen=True)
class Path:
    module: str  # the app's services module, as the views import it
    function: str
    persona: str
    ui: Callable[[Any, dict[str, Any]], Any]  # (test client, ctx) → response
    api: Callable[[ApiClient, dict[str, Any]], Any]


def _v(row: Any) -> dict[str, str]:
    row.refresh_from_db()
    return {"If-Match": f'"{row.version}"'}


def _seeker_form(ctx: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": "張雅婷",
        "national_id": national_id(),
        "township": "台北市大安區",
        "pay_basis": "monthly",
        "notice_method": "oral_and_paper",
        "shifts": ["day"],
    } | extra


def _seeker_json() -> dict[str, Any]:
    return {
        "name": "李志豪",
        "national_id": national_id(),
        "township": "臺北市大安區",
        "pay_basis": "monthly",
        "notice_method": "paper",
    }


def _vacancy_form(ctx: dict[str, Any]) -> dict[str, Any]:
    v = ctx["vacancy"]
    return {
        "employer": ctx["employer"].pk,
        "title": "倉管",
        "description": "理貨",
        "headcount": 1,
        "county": "新北市",
        "pay_basis": "monthly",
        "pay_min": 32000,
        "experience_years": 0,
        "version": v.version,
    }


def _rec(ctx: dict[str, Any]) -> Any:
    return ctx["rec"]


PATHS = [
    Path(
        "jobdesk.cases.services",
        "register_seeker",
        "alice",
        lambda c, ctx: c.post(reverse("cases:seeker_create"), _seeker_form(ctx)),
        lambda a, ctx: a.post("/api/v1/seekers/", _seeker_json()),
    ),
    Path(
        "jobdesk.cases.services",
        "update_seeker",
        "alice",
        lambda c, ctx: c.post(
            reverse("cases:seeker_edit", args=[ctx["seeker"].public_id]),
            _seeker_form(ctx, version=ctx["seeker"].version, name="王小明"),
        ),
        lambda a, ctx: a.patch(
            f"/api/v1/seekers/{ctx['seeker'].public_id}/",
            {"phone": "02-2222-3333"},
            headers=_v(ctx["seeker"]),
        ),
    ),
    Path(
        "jobdesk.cases.services",
        "open_case",
        "alice",
        lambda c, ctx: c.post(reverse("cases:case_open", args=[ctx["seeker"].public_id])),
        lambda a, ctx: a.post(f"/api/v1/seekers/{ctx['seeker'].public_id}/cases/"),
    ),
    Path(
        "jobdesk.cases.services",
        "request_closure",
        "alice",
        lambda c, ctx: c.post(
            reverse("cases:closure_request", args=[ctx["case"].public_id]),
            {
                "reason": "self_found",
                "outcome": "已自行就業",
                "improvement_strategy": "提早提供職缺資訊",
                "version": ctx["case"].version,
            },
        ),
        lambda a, ctx: a.post(
            f"/api/v1/cases/{ctx['case'].public_id}/closure-request/",
            {"reason": "self_found", "outcome": "已就業", "improvement_strategy": "追蹤"},
            headers=_v(ctx["case"]),
        ),
    ),
    Path(
        "jobdesk.cases.services",
        "approve_closure",
        "sam",
        lambda c, ctx: c.post(
            reverse("cases:closure_decide", args=[ctx["closure_1"].public_id]),
            {"decision": "approve", "comment": "同意"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/cases/{ctx['closure_2'].case.public_id}/closure-decision/",
            {"decision": "approve", "comment": "同意"},
        ),
    ),
    Path(
        "jobdesk.cases.services",
        "reject_closure",
        "sam",
        lambda c, ctx: c.post(
            reverse("cases:closure_decide", args=[ctx["closure_1"].public_id]),
            {"decision": "reject", "comment": "請補追蹤紀錄"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/cases/{ctx['closure_2'].case.public_id}/closure-decision/",
            {"decision": "reject", "comment": "請補追蹤紀錄"},
        ),
    ),
    Path(
        "jobdesk.cases.services",
        "reopen_case",
        "alice",
        lambda c, ctx: c.post(
            reverse("cases:case_reopen", args=[ctx["case"].public_id]),
            {"reason": "再次求職", "version": ctx["case"].version},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/cases/{ctx['case'].public_id}/reopen/",
            {"reason": "再次求職"},
            headers=_v(ctx["case"]),
        ),
    ),
    Path(
        "jobdesk.employers.services",
        "register_employer",
        "oscar",
        lambda c, ctx: c.post(reverse("employers:employer_create"), {"name": "蘆洲食品行"}),
        lambda a, ctx: a.post("/api/v1/employers/", {"name": "五股電子公司"}),
    ),
    Path(
        "jobdesk.employers.services",
        "update_employer",
        "oscar",
        lambda c, ctx: c.post(
            reverse("employers:employer_edit", args=[ctx["employer"].public_id]),
            {"name": "三重物流", "version": ctx["employer"].version},
        ),
        lambda a, ctx: a.patch(
            f"/api/v1/employers/{ctx['employer'].public_id}/",
            {"contact_name": "陳小姐"},
            headers=_v(ctx["employer"]),
        ),
    ),
    Path(
        "jobdesk.employers.services",
        "create_vacancy",
        "oscar",
        lambda c, ctx: c.post(reverse("employers:vacancy_create"), _vacancy_form(ctx)),
        lambda a, ctx: a.post(
            "/api/v1/vacancies/", {"employer": str(ctx["employer"].public_id), "title": "包裝員"}
        ),
    ),
    Path(
        "jobdesk.employers.services",
        "update_vacancy",
        "oscar",
        lambda c, ctx: c.post(
            reverse("employers:vacancy_edit", args=[ctx["vacancy"].public_id]), _vacancy_form(ctx)
        ),
        lambda a, ctx: a.patch(
            f"/api/v1/vacancies/{ctx['vacancy'].public_id}/",
            {"headcount": 3},
            headers=_v(ctx["vacancy"]),
        ),
    ),
    Path(
        "jobdesk.employers.services",
        "change_vacancy_status",
        "oscar",
        lambda c, ctx: c.post(
            reverse("employers:vacancy_status", args=[ctx["vacancy"].public_id]),
            {"status": "filled"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/vacancies/{ctx['vacancy'].public_id}/status/",
            {"status": "open"},
            headers=_v(ctx["vacancy"]),
        ),
    ),
    Path(
        "jobdesk.matching.services",
        "recommend",
        "alice",
        lambda c, ctx: c.post(
            reverse("matching:recommend", args=[ctx["seeker"].public_id, ctx["vacancy"].public_id]),
            {"consent": "on", "note": "x"},
        ),
        lambda a, ctx: a.post(
            "/api/v1/recommendations/",
            {
                "seeker": str(ctx["seeker"].public_id),
                "vacancy": str(ctx["vacancy"].public_id),
                "consent": True,
            },
        ),
    ),
    Path(
        "jobdesk.matching.services",
        "record_reply",
        "oscar",
        lambda c, ctx: c.post(
            reverse("matching:recommendation_reply", args=[_rec(ctx).public_id]),
            {"version": _rec(ctx).version, "outcome": "interview", "interview_on": TODAY},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/recommendations/{_rec(ctx).public_id}/reply/",
            {"outcome": "hired"},
            headers=_v(_rec(ctx)),
        ),
    ),
    Path(
        "jobdesk.matching.services",
        "record_start",
        "alice",
        lambda c, ctx: c.post(
            reverse("matching:recommendation_start", args=[_rec(ctx).public_id]),
            {
                "version": _rec(ctx).version,
                "start_date": TODAY,
                "pay": "34000",
                "pay_basis": "monthly",
            },
        ),
        lambda a, ctx: a.post(
            f"/api/v1/recommendations/{_rec(ctx).public_id}/start/",
            {"start_date": TODAY, "pay": 34000, "pay_basis": "monthly"},
            headers=_v(_rec(ctx)),
        ),
    ),
    Path(
        "jobdesk.matching.services",
        "withdraw",
        "alice",
        lambda c, ctx: c.post(
            reverse("matching:recommendation_withdraw", args=[_rec(ctx).public_id]),
            {"version": _rec(ctx).version, "note": "求職者已另有工作"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/recommendations/{_rec(ctx).public_id}/withdraw/",
            {"note": "求職者已另有工作"},
            headers=_v(_rec(ctx)),
        ),
    ),
    Path(
        "jobdesk.referrals.services",
        "record_follow_up",
        "alice",
        lambda c, ctx: c.post(
            reverse(
                "referrals:referral_action",
                kwargs={"public_id": ctx["referral"].public_id, "action": "follow_up"},
            ),
            {"follow_up-note": "已電話追蹤", "follow_up-next_follow_up_on": ""},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/referrals/{ctx['referral'].public_id}/follow-up/", {"note": "已電話追蹤"}
        ),
    ),
    Path(
        "jobdesk.referrals.services",
        "record_outcome",
        "alice",
        lambda c, ctx: c.post(
            reverse(
                "referrals:referral_action",
                kwargs={"public_id": ctx["referral"].public_id, "action": "outcome"},
            ),
            {"outcome-outcome": "completed", "outcome-note": "完成"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/referrals/{ctx['referral'].public_id}/outcome/",
            {"outcome": "completed", "note": "完成"},
        ),
    ),
    Path(
        "jobdesk.privacy.services",
        "open_request",
        "alice",
        lambda c, ctx: c.post(
            reverse("privacy:request_create", args=[ctx["seeker"].public_id]),
            {"kind": "inspect", "received_on": TODAY, "details": "請求閱覽"},
        ),
        lambda a, ctx: a.post(
            f"/api/v1/seekers/{ctx['seeker'].public_id}/data-requests/",
            {"kind": "copy", "received_on": TODAY},
        ),
    ),
]


@pytest.fixture
def ctx(w, personas):
    from jobdesk.matching.services import recommend
    from tests.privacy.factories import make_case, make_referral, sign

    alice = personas["alice"]
    made = dict(w)
    made["closure_1"] = closure_requested(alice)
    made["closure_2"] = closure_requested(alice)
    made["rec"] = recommend(actor=alice, seeker=w["seeker"], vacancy=w["vacancy"], consent=True)
    case = make_case(alice, name="周志明", national_id=national_id())
    made["referral"] = sign(make_referral(alice, case=case), alice)
    return made


#: The API endpoint each service is reached through (one endpoint may serve two services).
ENDPOINTS = {
    "register_seeker": "SeekerList.post",
    "update_seeker": "SeekerDetail.patch",
    "open_case": "SeekerCases.post",
    "request_closure": "CaseClosureRequest.post",
    "approve_closure": "CaseClosureDecision.post",
    "reject_closure": "CaseClosureDecision.post",
    "reopen_case": "CaseReopen.post",
    "register_employer": "EmployerList.post",
    "update_employer": "EmployerDetail.patch",
    "create_vacancy": "VacancyList.post",
    "update_vacancy": "VacancyDetail.patch",
    "change_vacancy_status": "VacancyStatusChange.post",
    "recommend": "RecommendationList.post",
    "record_reply": "RecommendationReply.post",
    "record_start": "RecommendationStart.post",
    "withdraw": "RecommendationWithdraw.post",
    "record_follow_up": "ReferralFollowUp.post",
    "record_outcome": "ReferralOutcome.post",
    "open_request": "SeekerDataRequests.post",
}


def test_every_api_write_is_listed_here():
    """A new write in the API must be added to PATHS (and so proved to share its service)."""
    from jobdesk.api import urls

    writes = set()
    for pattern in urls.v1:
        view = pattern.callback.view_class  # type: ignore[attr-defined]
        for method in ("post", "patch", "put", "delete"):
            if hasattr(view, method):
                writes.add(f"{view.__name__}.{method}")
    assert {p.function for p in PATHS} == set(ENDPOINTS)
    assert set(ENDPOINTS.values()) == writes


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.function)
def test_ui_and_api_call_the_same_service(path, ctx, personas, token_for, client, monkeypatch):
    # given: the service replaced by a wrapper that counts, then does the real work
    module = importlib.import_module(path.module)
    original = getattr(module, path.function)
    calls: list[str] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(path.function)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, path.function, wrapper)
    user = personas[path.persona]
    client.force_login(user)
    # when: the screen's POST
    ui = path.ui(client, ctx)
    # then
    assert ui.status_code in (200, 302), ui.status_code
    assert calls == [path.function], f"UI did not call {path.module}.{path.function}"
    # when: the API's request
    api = path.api(token_for(user), ctx)
    # then
    assert api.status_code < 500, api.content
    assert calls == [path.function] * 2, (
        f"API did not call {path.module}.{path.function}: {api.status_code} {api.content[:300]}"
    )


def test_the_wrapper_is_seen_by_nothing_else(ctx, personas, token_for, monkeypatch):
    """The counting works: a read calls no service."""
    module = importlib.import_module("jobdesk.cases.services")
    seen: list[str] = []
    monkeypatch.setattr(module, "update_seeker", lambda *a, **k: seen.append("x"))
    api = token_for(personas["alice"])
    assert api.get(f"/api/v1/seekers/{ctx['seeker'].public_id}/").status_code == 200
    assert seen == []
