"""URLs of jobdesk.privacy in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jobdesk.accounts.roles import Role
from tests.authz.matrix import ALL_ROLES, CASEWORK, CONTEXT_BUILDERS, LOGS, MATRIX, Spec


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.privacy.services import open_request
    from tests.privacy.factories import make_case, make_referral, sign

    alice = ctx["personas"]["alice"]
    case = make_case(
        alice, name="吳佩珊", national_id="E123456783", phone="0966-333-444", email="wu@example.tw"
    )
    referral = sign(make_referral(alice, case=case), alice)
    ctx["privacy_seeker"] = case.seeker
    ctx["privacy_consent"] = referral.consent
    ctx["privacy_request"] = open_request(
        case.seeker, actor=alice, kind="copy", details="", received_on=timezone.localdate()
    )


CONTEXT_BUILDERS.append(build)


def _seeker(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["privacy_seeker"].public_id}


def _consent(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["privacy_consent"].public_id}


def _request(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["privacy_request"].public_id}


MATRIX.update(
    {
        "privacy:otp_enrol": Spec(ALL_ROLES, ok_status=(200, 302)),
        "privacy:otp_verify": Spec(ALL_ROLES, ok_status=(200, 302)),
        "privacy:notice": Spec(CASEWORK, make=_seeker, scoped=True),
        "privacy:consent_list": Spec(CASEWORK, make=_seeker, scoped=True),
        "privacy:seeker_access": Spec(LOGS, make=_seeker, scoped=True),
        "privacy:request_create": Spec(CASEWORK, make=_seeker, scoped=True),
        "privacy:consent_signature": Spec(CASEWORK, make=_consent, scoped=True),
        "privacy:consent_withdraw": Spec(
            CASEWORK, make=_consent, scoped=True, method="post", ok_status=(302,)
        ),
        "privacy:outside_caseload": Spec(frozenset({Role.SUPERVISOR, Role.AUDITOR})),
        "privacy:request_list": Spec(CASEWORK | {Role.AUDITOR}),
        "privacy:request_detail": Spec(CASEWORK, make=_request, scoped=True),
        "privacy:request_export": Spec(CASEWORK, make=_request, scoped=True),
        "privacy:request_action": Spec(
            CASEWORK,
            make=lambda ctx: {"public_id": ctx["privacy_request"].public_id, "action": "extend"},
            scoped=True,
            method="post",
            ok_status=(302,),
        ),
    }
)
