"""URLs of jobdesk.statutory in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from jobdesk.accounts.roles import Role
from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, STAFF, Spec


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.statutory.rules import load_rules
    from jobdesk.statutory.services.benefit import certify
    from jobdesk.statutory.services.groups import record_target_group
    from jobdesk.statutory.services.subsidies import apply_for_subsidy
    from tests.matching.factories import make_case, make_employer, make_seeker, make_vacancy
    from tests.statutory.factories import make_claim, recommend

    load_rules()
    alice, oscar = ctx["personas"]["alice"], ctx["personas"]["oscar"]
    seeker = make_seeker(alice, name="許家豪")
    case = make_case(seeker, alice)
    vacancy = make_vacancy(oscar, make_employer(oscar, name="蘆洲包材股份有限公司"))
    registered = timezone.now() - datetime.timedelta(days=40)
    claim = make_claim(
        case, alice, registered, separated_on=timezone.localdate() - datetime.timedelta(days=50)
    )
    claim = certify(
        claim,
        actor=alice,
        expected_version=claim.version,
        certified_on=claim.registered_on + datetime.timedelta(days=15),
    )
    rec = recommend(alice, seeker, vacancy)
    ctx["statutory_case"] = case
    ctx["statutory_claim"] = claim
    ctx["statutory_recert"] = claim.recerts.get(number=1)
    ctx["statutory_rec"] = rec
    ctx["statutory_subsidy"] = apply_for_subsidy(
        case,
        actor=alice,
        kind="transport",
        applied_on=timezone.localdate(),
        amount_requested=500,
        recommendation=rec,
    )
    ctx["statutory_group"] = record_target_group(
        seeker,
        actor=alice,
        group_code="low_income",
        proof="中低收入戶證明 新北社字第 001 號",
        verified_on=timezone.localdate(),
        valid_until=None,
        consent=True,
    )


CONTEXT_BUILDERS.append(build)


def _id(key: str, name: str = "public_id") -> Any:
    return lambda ctx: {name: ctx[key].public_id}


def _action(key: str, action: str) -> Any:
    return lambda ctx: {"public_id": ctx[key].public_id, "action": action}


SUPERVISOR = frozenset({Role.SUPERVISOR})
POST = {"method": "post", "ok_status": (302,)}

MATRIX.update(
    {
        "statutory:deadlines": Spec(CASEWORK),
        "statutory:overdue": Spec(SUPERVISOR),
        "statutory:home_panel": Spec(CASEWORK),
        "statutory:rule_list": Spec(STAFF | {Role.ADMINISTRATOR}),
        "statutory:reply_list": Spec(STAFF),
        "statutory:case_panel": Spec(CASEWORK, make=_id("statutory_case", "case_id"), scoped=True),
        "statutory:claim_create": Spec(
            CASEWORK, make=_id("statutory_case", "case_id"), scoped=True
        ),
        "statutory:subsidy_create": Spec(
            CASEWORK,
            make=lambda ctx: {"case_id": ctx["statutory_case"].public_id, "kind": "transport"},
            scoped=True,
        ),
        "statutory:claim_detail": Spec(CASEWORK, make=_id("statutory_claim"), scoped=True),
        "statutory:claim_action": Spec(
            CASEWORK, make=_action("statutory_claim", "certify"), scoped=True, **POST
        ),
        "statutory:recert_detail": Spec(CASEWORK, make=_id("statutory_recert"), scoped=True),
        "statutory:recert_action": Spec(
            CASEWORK, make=_action("statutory_recert", "recert"), scoped=True, **POST
        ),
        "statutory:reply_card": Spec(STAFF, make=_id("statutory_rec"), scoped=True),
        "statutory:subsidy_detail": Spec(CASEWORK, make=_id("statutory_subsidy"), scoped=True),
        "statutory:subsidy_print": Spec(CASEWORK, make=_id("statutory_subsidy"), scoped=True),
        "statutory:subsidy_action": Spec(
            CASEWORK, make=_action("statutory_subsidy", "documents"), scoped=True, **POST
        ),
        "statutory:target_groups": Spec(
            CASEWORK,
            make=lambda ctx: {"seeker_id": ctx["statutory_case"].seeker.public_id},
            scoped=True,
        ),
        "statutory:target_group_withdraw": Spec(
            CASEWORK, make=_id("statutory_group"), scoped=True, **POST
        ),
    }
)
