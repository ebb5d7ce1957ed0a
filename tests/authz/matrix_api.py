"""URLs of jobdesk.api in the authorisation matrix (see tests/authz/matrix.py).

The API answers an anonymous request 401 (not the login redirect). A POST of an empty body by an
allowed persona of office A reaches the body's validation (400); outsiders of centre C get 404.
"""

from __future__ import annotations

from typing import Any

from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES, Role
from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, STAFF, Spec

ADMIN = frozenset({Role.ADMINISTRATOR})
API_ANON = (401,)


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.api.services import issue_token

    people = ctx["personas"]
    ctx["api_token"] = issue_token(
        actor=people["adam"],
        user=people["alice"],
        name="矩陣測試權杖",
        scopes=["cases:read"],
        days=1,
    ).token


CONTEXT_BUILDERS.append(build)


def _id(key: str) -> Any:
    return lambda ctx: {"public_id": ctx[key].public_id}


def _get(roles: frozenset[str], key: str | None = None) -> Spec:
    if key is None:
        return Spec(roles, anonymous_status=API_ANON)
    return Spec(roles, make=_id(key), scoped=True, anonymous_status=API_ANON)


def _post(roles: frozenset[str], key: str) -> Spec:
    return Spec(
        roles,
        make=_id(key),
        scoped=True,
        method="post",
        ok_status=(400,),
        anonymous_status=API_ANON,
    )


MATRIX.update(
    {
        "api:schema": Spec(frozenset(), public=True),
        "api:docs": Spec(frozenset(), public=True),
        "api:seeker_list": _get(CASEWORK),
        "api:seeker_detail": _get(CASEWORK, "seeker"),
        "api:seeker_cases": _post(CASEWORK, "seeker"),
        "api:seeker_matches": _get(CASEWORK, "m_seeker"),
        "api:seeker_data_requests": _post(CASEWORK, "seeker"),
        "api:case_list": _get(CASEWORK),
        "api:case_detail": _get(CASEWORK, "case"),
        "api:case_closure_request": _post(CASEWORK, "case"),
        "api:case_closure_decision": _post(frozenset({Role.SUPERVISOR}), "closed_case"),
        "api:case_reopen": _post(CASEWORK, "closed_case"),
        "api:employer_list": _get(STAFF),
        "api:employer_detail": _get(STAFF, "employer"),
        "api:vacancy_list": _get(STAFF),
        "api:vacancy_taiwanjobs_list": _get(STAFF),
        "api:vacancy_detail": _get(STAFF, "vacancy"),
        "api:vacancy_status": _post(EMPLOYER_CHANGE_ROLES, "vacancy"),
        "api:vacancy_jobposting": _get(STAFF, "vacancy"),
        "api:vacancy_taiwanjobs": _get(STAFF, "vacancy"),
        "api:vacancy_matches": _get(STAFF, "m_vacancy"),
        "api:recommendation_list": _get(STAFF),
        "api:recommendation_detail": _get(STAFF, "m_rec"),
        "api:recommendation_reply": _post(STAFF, "m_rec"),
        "api:recommendation_start": _post(CASEWORK, "m_rec"),
        "api:recommendation_withdraw": _post(CASEWORK, "m_rec"),
        "api:referral_list": _get(CASEWORK),
        "api:indicators": _get(CASEWORK),
        "api:referral_detail": _get(CASEWORK, "referral"),
        "api:referral_follow_up": _post(CASEWORK, "referral"),
        "api:referral_outcome": _post(CASEWORK, "referral"),
        "api:data_request_list": _get(CASEWORK),
        "api:data_request_detail": _get(CASEWORK, "privacy_request"),
        "api_tokens:token_list": Spec(ADMIN),
        "api_tokens:token_create": Spec(ADMIN),
        "api_tokens:token_revoke": Spec(
            ADMIN, make=_id("api_token"), method="post", ok_status=(302,)
        ),
    }
)
