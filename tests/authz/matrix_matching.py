"""URLs of jobdesk.matching in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from typing import Any

from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, STAFF, Spec


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.matching.index_service import reset_index
    from jobdesk.matching.services import recommend
    from tests.matching.factories import world

    reset_index()
    made = world(ctx["personas"])
    ctx["m_seeker"], ctx["m_vacancy"] = made["seeker"], made["vacancy"]
    ctx["m_rec"] = recommend(
        actor=ctx["personas"]["alice"],
        seeker=made["seeker"],
        vacancy=made["vacancy"],
        consent=True,
    )


CONTEXT_BUILDERS.append(build)


def _seeker(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["m_seeker"].public_id}


def _vacancy(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["m_vacancy"].public_id}


def _rec(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"public_id": ctx["m_rec"].public_id}


MATRIX.update(
    {
        "matching:seeker_matches": Spec(CASEWORK, make=_seeker, scoped=True),
        "matching:seeker_recommendations": Spec(CASEWORK, make=_seeker, scoped=True),
        "matching:recommend": Spec(
            CASEWORK,
            make=lambda ctx: {
                "seeker_id": ctx["m_seeker"].public_id,
                "vacancy_id": ctx["m_vacancy"].public_id,
            },
            scoped=True,
        ),
        "matching:vacancy_matches": Spec(STAFF, make=_vacancy, scoped=True),
        "matching:vacancy_pipeline": Spec(STAFF, make=_vacancy, scoped=True),
        "matching:recommendation_list": Spec(STAFF),
        "matching:recommendation_detail": Spec(STAFF, make=_rec, scoped=True),
        "matching:recommendation_reply": Spec(STAFF, make=_rec, scoped=True, method="post"),
        "matching:recommendation_start": Spec(CASEWORK, make=_rec, scoped=True, method="post"),
        "matching:recommendation_withdraw": Spec(CASEWORK, make=_rec, scoped=True, method="post"),
        "matching:referral_card": Spec(STAFF, make=_rec, scoped=True),
    }
)
