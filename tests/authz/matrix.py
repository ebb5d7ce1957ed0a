"""Who may open which URL. Every named URL of the project must be declared here (a test checks).

``Spec.roles``: roles allowed (empty = public page). ``Spec.make`` builds the URL kwargs from the
test context (objects created in centre A, so an outsider of centre C must get 404).
``Spec.scoped``: True when the URL names an office's record (outsiders with the right role: 404).
Apps add their URLs in a ``tests/authz/matrix_<app>.py`` module and import it at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jobdesk.accounts.roles import Role

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})
CASEWORK = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
LOGS = frozenset({Role.AUDITOR, Role.SUPERVISOR})


@dataclass(frozen=True)
class Spec:
    roles: frozenset[str]
    make: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    scoped: bool = False
    method: str = "get"
    public: bool = False
    # Extra expectations for a 200, e.g. the page must not contain another office's data.
    ok_status: tuple[int, ...] = (200,)
    # What an anonymous request gets when it is not the login redirect (the API answers 401).
    anonymous_status: tuple[int, ...] | None = None


MATRIX: dict[str, Spec] = {
    "home": Spec(ALL_ROLES),
    "area": Spec(ALL_ROLES, make=lambda ctx: {"slug": "intake"}),
    "standard": Spec(ALL_ROLES),
    "healthz": Spec(frozenset(), public=True),
    "favicon": Spec(frozenset(), public=True),
    "accounts:login": Spec(frozenset(), public=True, ok_status=(200, 302)),
    "accounts:logout": Spec(frozenset(), public=True, method="post", ok_status=(302,)),
    "accounts:password_change": Spec(ALL_ROLES),
    "accounts:profile": Spec(ALL_ROLES),
    "audit:event_list": Spec(LOGS),
    "audit:access_list": Spec(LOGS),
    "audit:event_detail": Spec(
        frozenset({Role.AUDITOR}), make=lambda ctx: {"pk": ctx["audit_event"].pk}, scoped=True
    ),
}

# Context builders: app matrices register functions that create their objects in centre A.
CONTEXT_BUILDERS: list[Callable[[dict[str, Any]], None]] = []


def _audit_event(ctx: dict[str, Any]) -> None:
    """A change in centre A (the last builders made some; the auditor of the branch sees it)."""
    from jobdesk.accounts.models import User
    from jobdesk.audit.services import record_event

    alice = ctx["personas"]["alice"]
    ctx["audit_event"] = record_event(
        "accounts.password_changed",
        actor=alice,
        subject=User.objects.get(pk=alice.pk),
        office=ctx["offices"]["a"],
    )


CONTEXT_BUILDERS.append(_audit_event)


def _export_job(ctx: dict[str, Any]) -> None:
    """A background export of the seeker list, asked for by sam (centre A's supervisor)."""
    from jobdesk.audit.exports import execute, queue_export
    from jobdesk.common import exports

    spec = exports.get("seekers")
    ctx["export_job"] = execute(queue_export(spec, ctx["personas"]["sam"], {}, "csv"))


CONTEXT_BUILDERS.append(_export_job)

# A background export is its requester's alone: anybody else gets 404 (the requester here is
# sam, the only supervisor among the personas of office A; tests/foundation/test_list_exports.py
# checks other members of the same office).
_SAM_ONLY = frozenset({Role.SUPERVISOR})
MATRIX.update(
    {
        "audit:export_detail": Spec(
            _SAM_ONLY, make=lambda ctx: {"public_id": ctx["export_job"].public_id}, scoped=True
        ),
        "audit:export_download": Spec(
            _SAM_ONLY, make=lambda ctx: {"public_id": ctx["export_job"].public_id}, scoped=True
        ),
    }
)


# App matrices register their URLs on import (kept last: they import MATRIX from here).
from tests.authz import (  # noqa: E402, F401
    matrix_api,
    matrix_cases,
    matrix_employers,
    matrix_matching,
    matrix_privacy,
    matrix_referrals,
    matrix_reports,
    matrix_statutory,
)
