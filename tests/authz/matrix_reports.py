"""URLs of jobdesk.reports in the authorisation matrix (see tests/authz/matrix.py).

Reports are read by supervisors (their office subtree) and counsellors (their own figures);
the office and counsellor are query parameters, so an outsider gets their own office's report
(a named office outside the reader's subtree is a 404: tests/reports/test_views.py).
"""

from __future__ import annotations

from typing import Any

from jobdesk.accounts.roles import Role
from tests.authz.matrix import CASEWORK, CONTEXT_BUILDERS, MATRIX, Spec

SUPERVISOR = frozenset({Role.SUPERVISOR})

MATRIX.update(
    {
        "reports:index": Spec(CASEWORK),
        "reports:indicators": Spec(CASEWORK),
        "reports:indicators_export": Spec(CASEWORK, make=lambda ctx: {"fmt": "xlsx"}),
        "reports:indicator_rows": Spec(CASEWORK, make=lambda ctx: {"key": "new_seekers"}),
        "reports:indicator_rows_export": Spec(
            CASEWORK, make=lambda ctx: {"key": "recommendations", "fmt": "csv"}
        ),
    }
)

MATRIX.update(
    {
        "reports:workload": Spec(CASEWORK),
        "reports:workload_export": Spec(CASEWORK, make=lambda ctx: {"fmt": "xlsx"}),
        # a cell names one counsellor: a counsellor's own (the default), a supervisor names one
        "reports:workload_rows": Spec(
            frozenset({Role.COUNSELLOR}), make=lambda ctx: {"measure": "consultations"}
        ),
    }
)

MATRIX.update(
    {
        "reports:closures": Spec(CASEWORK),
        "reports:closures_print": Spec(CASEWORK),
        "reports:closures_export": Spec(CASEWORK, make=lambda ctx: {"fmt": "xlsx"}),
    }
)

MATRIX.update(
    {
        "reports:practice": Spec(CASEWORK),
        "reports:practice_export": Spec(CASEWORK, make=lambda ctx: {"fmt": "csv"}),
        # the records behind a cell name a code (and a counsellor: a counsellor's own by default)
        "reports:practice_records": Spec(frozenset({Role.COUNSELLOR}), ok_status=(404,)),
    }
)

MATRIX.update(
    {
        "reports:trends": Spec(CASEWORK),
        "reports:trends_export": Spec(CASEWORK, make=lambda ctx: {"fmt": "xlsx"}),
    }
)


def build(ctx: dict[str, Any]) -> None:
    from jobdesk.reports.services import start_assessment

    ctx["competency_assessment"] = start_assessment(actor=ctx["personas"]["alice"])


CONTEXT_BUILDERS.append(build)

MATRIX.update(
    {
        "reports:competency_list": Spec(CASEWORK),
        # only a counsellor starts their own; a supervisor is refused with a message (302)
        "reports:competency_start": Spec(CASEWORK, method="post", ok_status=(302,)),
        "reports:competency_detail": Spec(
            CASEWORK,
            make=lambda ctx: {"public_id": ctx["competency_assessment"].public_id},
            scoped=True,
        ),
    }
)


def build_monthly(ctx: dict[str, Any]) -> None:
    from jobdesk.reports.periods import Period
    from jobdesk.reports.tasks import execute, request_monthly_report

    report = request_monthly_report(office=ctx["offices"]["a"], month=Period.month(2026, 10))
    ctx["monthly_report"] = execute(report)


CONTEXT_BUILDERS.append(build_monthly)

MATRIX.update(
    {
        "reports:monthly_list": Spec(SUPERVISOR),
        "reports:monthly_request": Spec(SUPERVISOR, method="post", ok_status=(302,)),
        "reports:monthly_download": Spec(
            SUPERVISOR,
            make=lambda ctx: {"public_id": ctx["monthly_report"].public_id},
            scoped=True,
        ),
    }
)
