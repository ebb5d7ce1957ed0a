"""Reading a job seeker's record outside one's caseload: a stated reason, flagged to supervisors.

``caseload_gate(request, seeker)`` is called by views that show a job seeker's personal data:

* only counsellors are asked: supervisors see their office's caseload as part of their role
  (BRIEF: "sees the office's caseload"), and every other role reaches a seeker's data only
  through its own scoped views; their reads are logged all the same;
* the counsellor of a case of the seeker passes (returns ``None``), closed cases included;
* so does anyone who already gave a reason for this seeker in this session;
* anyone else gets a page asking for the reason (HTTP 200, nothing of the record shown); on POST
  with a valid reason an access-log row with ``outside_caseload=True`` is written, the reason is
  remembered in the session, and the user is sent back to the page they asked for.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from jobdesk.accounts.roles import Role
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_access
from jobdesk.cases.selectors import in_caseload
from jobdesk.privacy.forms import AccessReasonForm

SESSION_KEY = "jobdesk_outside_caseload"
FIELD = "outside_caseload_reason"


def is_in_caseload(user: Any, seeker: Any) -> bool:
    """The caseload as jobdesk.cases defines it for reading (one definition:
    ``cases.selectors.in_caseload``, closed cases of the counsellor included)."""
    return in_caseload(user, seeker)


def _granted(request: HttpRequest) -> list[str]:
    value = request.session.get(SESSION_KEY, [])
    return list(value) if isinstance(value, list) else []


def gate_applies(request: HttpRequest) -> bool:
    """For views that also take their own POSTs: gate reads and reason submissions only."""
    return request.method == "GET" or FIELD in request.POST


def caseload_gate(request: HttpRequest, seeker: Any) -> HttpResponse | None:
    user: Any = request.user
    key = str(seeker.public_id)
    if user.role != Role.COUNSELLOR:
        return None
    if is_in_caseload(user, seeker) or key in _granted(request):
        return None
    form = AccessReasonForm(
        {"reason": request.POST.get(FIELD, "")} if request.method == "POST" else None
    )
    if request.method == "POST" and FIELD in request.POST and form.is_valid():
        record_access(
            actor=user,
            subject=seeker,
            action=AccessAction.VIEW,
            what="非本人承辦之個案資料",
            reason=form.cleaned_data["reason"],
            outside_caseload=True,
        )
        request.session[SESSION_KEY] = [*_granted(request), key][-200:]
        target = request.get_full_path()
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect(target)
    return render(
        request,
        "privacy/access_reason.html",
        {"form": form, "field": FIELD, "masked": seeker.national_id_masked},
    )
