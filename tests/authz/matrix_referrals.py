"""URLs of jobdesk.referrals in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from typing import Any

from jobdesk.accounts.roles import Role
from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, STAFF, Spec


def build(ctx: dict[str, Any]) -> None:
    from tests.privacy.factories import make_case, make_referral, sign

    alice = ctx["personas"]["alice"]
    case = make_case(
        alice,
        name="周志明",
        national_id="D220000002",
        phone="0955-111-222",
        email="zhou@example.tw",
    )
    ctx["referral_case"] = case
    ctx["referral"] = sign(make_referral(alice, case=case), alice)


CONTEXT_BUILDERS.append(build)


def _referral(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["referral"].public_id}


MATRIX.update(
    {
        "referrals:resource_list": Spec(STAFF | {Role.ADMINISTRATOR}),
        "referrals:referral_list": Spec(CASEWORK),
        "referrals:referral_create": Spec(
            CASEWORK, make=lambda ctx: {"case_id": ctx["referral_case"].public_id}, scoped=True
        ),
        "referrals:referral_detail": Spec(CASEWORK, make=_referral, scoped=True),
        "referrals:referral_consent": Spec(CASEWORK, make=_referral, scoped=True),
        "referrals:referral_assessment": Spec(CASEWORK, make=_referral, scoped=True),
        "referrals:referral_packet": Spec(CASEWORK, make=_referral, scoped=True),
        "referrals:referral_action": Spec(
            CASEWORK,
            make=lambda ctx: {"public_id": ctx["referral"].public_id, "action": "follow_up"},
            scoped=True,
            method="post",
            ok_status=(302,),
        ),
    }
)
