"""Fixtures of the API tests: the world of tests/matching in centre A (三重), another in centre
C (臺中), and a client that calls the API with a token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client

from tests.matching.factories import make_employer, make_seeker, make_vacancy, world


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    from jobdesk.matching.index_service import reset_index

    reset_index()
    cache.clear()  # rate-limit counters
    yield
    reset_index()


@pytest.fixture
def w(personas: dict[str, Any], reference_data: None) -> dict[str, Any]:
    return world(personas)


@pytest.fixture
def world_c(personas: dict[str, Any], reference_data: None) -> dict[str, Any]:
    """Centre C's own seeker (with an open case), employer and open vacancy."""
    from jobdesk.cases.services import open_case

    charlie, tina = personas["charlie"], personas["tina"]
    seeker = make_seeker(charlie, name="陳大文")
    case = open_case(seeker, actor=charlie)
    employer = make_employer(tina, name="臺中精密機械股份有限公司")
    vacancy = make_vacancy(tina, employer, title="CNC 操作員")
    return {"seeker": seeker, "case": case, "employer": employer, "vacancy": vacancy}


def reason(text: str) -> dict[str, str]:
    """The ``X-Access-Reason`` header (URL-encoded: HTTP headers carry no Chinese as such)."""
    return {"X-Access-Reason": quote(text)}


class ApiClient:
    """Calls the API as a token would (JSON bodies, ``Authorization: Bearer``)."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.secret = secret
        self.headers: dict[str, str] = {}

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        return headers | self.headers | (extra or {})

    def get(self, url: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
        return self.client.get(url, params, headers=self._headers(headers))

    def post(self, url: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            url,
            json.dumps(body or {}),
            content_type="application/json",
            headers=self._headers(headers),
        )

    def patch(self, url: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.patch(
            url,
            json.dumps(body or {}),
            content_type="application/json",
            headers=self._headers(headers),
        )


ALL = [
    "cases:write",
    "employers:write",
    "matching:write",
    "referrals:write",
    "privacy:write",
    "reports:read",
]


@pytest.fixture
def token_for(personas: dict[str, Any]) -> Any:
    """``token_for(user, scopes)``: an ApiClient with a fresh token of ``user``."""
    from jobdesk.api.services import issue_token

    def make(user: Any, scopes: list[str] | None = None, days: int = 30) -> ApiClient:
        issued = issue_token(
            actor=personas["adam"], user=user, name=f"test {user}", scopes=scopes or ALL, days=days
        )
        api = ApiClient(issued.secret)
        api.token = issued.token  # type: ignore[attr-defined]
        return api

    return make


@pytest.fixture
def sanchong_service(personas: dict[str, Any], offices: dict[str, Any]) -> Any:
    """A 三重 (centre A) service account with a counsellor's role, created by the administrator."""
    from jobdesk.api.services import create_service_account

    return create_service_account(
        actor=personas["adam"],
        username="sanchong-sync",
        display_name="三重個案系統同步",
        office=offices["a"],
        role="counsellor",
        description="新北市個案系統每日同步",
    ).user
