"""URLs of jobdesk.employers in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from typing import Any

from jobdesk.accounts.roles import Role
from tests.authz.matrix import CONTEXT_BUILDERS, MATRIX, STAFF, Spec

VIEW = frozenset({Role.EMPLOYER_OFFICER, Role.SUPERVISOR, Role.COUNSELLOR})
CHANGE = frozenset({Role.EMPLOYER_OFFICER, Role.SUPERVISOR})
CASEWORK = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
REDIRECT = (302,)


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.employers.services import create_vacancy, register_employer, stage_import
    from jobdesk.employers.services.compliance import start_ad_recheck

    oscar = ctx["personas"]["oscar"]
    office = ctx["offices"]["a"]
    employer = register_employer(actor=oscar, office=office, name="矩陣測試有限公司")
    vacancy = create_vacancy(
        actor=oscar,
        employer=employer,
        values={
            "title": "作業員",
            "description": "限男，負責搬運。",
            "county": "臺北市",
            "pay_basis": "monthly",
            "pay_min": 30000,
        },
    )
    ctx["employer"] = employer
    ctx["vacancy"] = vacancy
    ctx["finding"] = vacancy.findings.first()
    ctx["batch"] = stage_import("a.csv", b"x", actor=oscar, office=office)
    ctx["recheck"] = start_ad_recheck(actor=oscar)


def _employer(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["employer"].public_id}


def _vacancy(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["vacancy"].public_id}


def _recheck(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["recheck"].public_id}


CONTEXT_BUILDERS.append(build)
MATRIX.update(
    {
        "employers:employer_list": Spec(VIEW),
        "employers:employer_create": Spec(CHANGE),
        "employers:employer_detail": Spec(VIEW, make=_employer, scoped=True),
        "employers:employer_edit": Spec(CHANGE, make=_employer, scoped=True),
        "employers:employer_dispute": Spec(
            CHANGE, make=_employer, scoped=True, method="post", ok_status=REDIRECT
        ),
        "employers:vacancy_list": Spec(VIEW),
        "employers:vacancy_create": Spec(CHANGE),
        "employers:vacancy_detail": Spec(VIEW, make=_vacancy, scoped=True),
        "employers:vacancy_edit": Spec(CHANGE, make=_vacancy, scoped=True),
        "employers:vacancy_status": Spec(
            CHANGE, make=_vacancy, scoped=True, method="post", ok_status=REDIRECT
        ),
        "employers:vacancy_occupation": Spec(
            CHANGE, make=_vacancy, scoped=True, method="post", ok_status=REDIRECT
        ),
        "employers:finding_override": Spec(
            CHANGE,
            make=lambda ctx: {"public_id": ctx["finding"].public_id},
            scoped=True,
            method="post",
            ok_status=REDIRECT,
        ),
        "employers:vacancy_check_text": Spec(CHANGE, method="post"),
        "employers:recheck_start": Spec(CHANGE),
        "employers:recheck_detail": Spec(CHANGE, make=_recheck, scoped=True),
        "employers:recheck_progress": Spec(CHANGE, make=_recheck, scoped=True),
        "employers:import_upload": Spec(CHANGE),
        "employers:import_template": Spec(CHANGE),
        "employers:import_preview": Spec(
            CHANGE, make=lambda ctx: {"public_id": ctx["batch"].public_id}, scoped=True
        ),
        "employers:import_commit": Spec(
            CHANGE,
            make=lambda ctx: {"public_id": ctx["batch"].public_id},
            scoped=True,
            method="post",
            ok_status=REDIRECT,
        ),
        "employers:labour_market": Spec(STAFF),
        "employers:labour_market_given": Spec(CASEWORK, method="post", ok_status=REDIRECT),
    }
)
