"""The whole OpenAPI description, run against the app by schemathesis (property-based).

Every operation of /api/schema/ gets generated requests through the WSGI app (no network, the
test's own database): none may answer 5xx, every response must match the schema, and no answer
may carry a row of centre C (臺中) — the token is a 三重 supervisor service account's.
Path parameters are pointed at real 三重 rows (a random UUID would only ever meet 404), and
every GET is tried once more with the matching 臺中 row, which must be 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.matching.factories import national_id

pytestmark = pytest.mark.django_db

#: Bounded so the whole run stays well under a minute (about 30 operations).
EXAMPLES_PER_OPERATION = 5

PREFIXES = {
    "/api/v1/seekers/": "seeker",
    "/api/v1/cases/": "case",
    "/api/v1/employers/": "employer",
    "/api/v1/vacancies/": "vacancy",
    "/api/v1/recommendations/": "recommendation",
    "/api/v1/referrals/": "referral",
    "/api/v1/data-requests/": "data_request",
}


def _rows(personas: dict[str, Any], made: dict[str, Any]) -> dict[str, Any]:
    from jobdesk.matching.services import recommend
    from jobdesk.privacy.services import open_request
    from tests.privacy.factories import make_case, make_referral, sign

    alice = personas["alice"]
    rec = recommend(actor=alice, seeker=made["seeker"], vacancy=made["vacancy"], consent=True)
    referral_case = make_case(alice, name="周志明", national_id=national_id())
    referral = sign(make_referral(alice, case=referral_case), alice)
    request = open_request(
        made["seeker"],
        actor=alice,
        kind="inspect",
        details="請求閱覽",
        received_on=made["seeker"].created_at.date(),
    )
    return made | {"recommendation": rec, "referral": referral, "data_request": request}


def _office_c_rows(personas: dict[str, Any], made: dict[str, Any]) -> dict[str, Any]:
    from jobdesk.matching.services import recommend
    from jobdesk.privacy.services import open_request
    from tests.privacy.factories import make_case, make_referral, sign

    charlie = personas["charlie"]
    rec = recommend(actor=charlie, seeker=made["seeker"], vacancy=made["vacancy"], consent=True)
    referral_case = make_case(charlie, name="黃淑芬", national_id=national_id())
    referral = sign(make_referral(charlie, case=referral_case), charlie)
    request = open_request(
        made["seeker"],
        actor=charlie,
        kind="copy",
        details="請求複製",
        received_on=made["seeker"].created_at.date(),
    )
    return made | {"recommendation": rec, "referral": referral, "data_request": request}


@pytest.fixture
def _keep_the_test_connection() -> Any:
    """As Django's test client does: a request must not close the test's database connection
    (the raw WSGI handler would, at request end, since the test runs inside a transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _key(path: str) -> str | None:
    return next((key for prefix, key in PREFIXES.items() if path.startswith(prefix)), None)


@override_settings(JOBDESK_API_RATE="100000/min", ALLOWED_HOSTS=["*"])
@pytest.mark.usefixtures("_keep_the_test_connection")
def test_the_api_keeps_its_schema_and_its_scope(personas, offices, w, world_c, token_for):
    # given: a 三重 supervisor service account's token with every scope, and rows in A and C
    from jobdesk.api.services import create_service_account

    account = create_service_account(
        actor=personas["adam"],
        username="sanchong-schema",
        display_name="schema",
        office=offices["a"],
        role="supervisor",
    ).user
    api = token_for(account)
    headers = {
        "Authorization": f"Bearer {api.secret}",
        "X-Access-Reason": quote("schemathesis 測試"),
    }
    mine = _rows(personas, w)
    theirs = _office_c_rows(personas, world_c)
    c_ids = {str(row.public_id) for row in theirs.values()}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    tried, failures = 0, []
    answered: dict[str, set[int]] = {}

    def exercise(operation: Any) -> None:
        key = _key(operation.path)

        @given(case=operation.as_strategy(), aim=st.booleans(), fresh=st.booleans())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, aim: bool, fresh: bool) -> None:
            nonlocal tried
            sent = dict(headers)
            if key and "public_id" in (case.path_parameters or {}) and aim:
                row = mine[key]
                case.path_parameters["public_id"] = str(row.public_id)
                if fresh:  # the version as read now: the write reaches the service
                    row.refresh_from_db()
                    sent["If-Match"] = f'"{row.version}"'
            response = case.call_and_validate(
                headers=sent, checks=[not_a_server_error, response_schema_conformance]
            )
            tried += 1
            label = f"{case.method} {operation.path}"
            answered.setdefault(label, set()).add(response.status_code)
            if 200 <= response.status_code < 300:
                body = response.content  # JSON, JSON-LD or CSV (an .xlsx is zipped: unread)
                leaked = [i for i in c_ids if i.encode() in body]
                if leaked:
                    failures.append(f"{case.method} {case.formatted_path}: shows {leaked}")
            if key and case.method == "GET" and "public_id" in (case.path_parameters or {}):
                case.path_parameters["public_id"] = str(theirs[key].public_id)
                other = case.call(headers=headers)
                if other.status_code != 404:
                    failures.append(f"GET {case.formatted_path}: {other.status_code}, not 404")

        run()
        if operation.method.upper() == "GET":  # and once plainly, on a real row: it must answer
            params = (
                {"public_id": str(mine[key].public_id)}
                if key and "{public_id}" in operation.path
                else None
            )
            plain = operation.Case(path_parameters=params, query={})
            response = plain.call_and_validate(
                headers=headers, checks=[not_a_server_error, response_schema_conformance]
            )
            answered.setdefault(f"GET {operation.path}", set()).add(response.status_code)

    # when: every operation, with generated parameters and bodies
    for result in schema.get_all_operations():
        exercise(result.ok())

    # then
    assert tried >= 30 * EXAMPLES_PER_OPERATION // 2
    ok = {op for op, codes in answered.items() if any(200 <= c < 300 for c in codes)}
    reads = {op for op in answered if op.startswith("GET ")}
    assert reads <= ok, sorted(reads - ok)  # every read really answered, not only 4xx
    assert len(ok - reads) >= 3, answered  # and generated writes went through the services
    assert not failures, failures
