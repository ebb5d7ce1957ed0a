"""推介就業情形回覆卡: the reply windows open, and recording one card with its refusal ground."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jobdesk.accounts.current import acting_user
from jobdesk.audit.services import record_list_reads
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.matching.models import Recommendation
from jobdesk.statutory.forms import ReplyCardForm
from jobdesk.statutory.models import REPLY_ROLES
from jobdesk.statutory.rules import RuleMissing
from jobdesk.statutory.selectors import awaited_recommendations, reply_deadlines, reply_window
from jobdesk.statutory.services.replies import (
    commute_km,
    grounds,
    offered_monthly_pay,
    open_claim_of,
    record_reply_card,
)
from jobdesk.statutory.views.base import read_seeker


def _require(user: Any) -> None:
    if user.role not in REPLY_ROLES:
        raise PermissionDenied


@login_required
def reply_list(request: HttpRequest) -> HttpResponse:
    """Every recommendation of the scope whose 回覆卡 is awaited (the 7-day windows)."""
    _require(request.user)
    today = timezone.localdate()
    try:
        rows = reply_deadlines(list(awaited_recommendations(request.user, today)[:200]), today)
        problem = ""
    except RuleMissing as error:
        rows, problem = [], str(error)
    record_list_reads(acting_user(request), (d.seeker for d in rows), "推介回覆卡期限清單")
    return render(
        request, "statutory/reply_list.html", {"rows": rows, "problem": problem, "today": today}
    )


@login_required
def reply_card(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user)
    rec = get_for_user_or_404(Recommendation, request.user, public_id)
    today = timezone.localdate()
    form = ReplyCardForm(request.POST or None, grounds=grounds(today))
    if request.method == "POST":
        rec = get_for_user_or_404(Recommendation, request.user, public_id, "change")
        if form.is_valid():
            try:
                record_reply_card(rec, actor=acting_user(request), **form.cleaned_data)
            except ValidationError as error:
                attach_service_errors(form, error)
            else:
                messages.success(request, "已登錄推介就業情形回覆卡。")
                return redirect("statutory:reply_card", public_id=rec.public_id)
    gate = read_seeker(request, rec.seeker, what="推介就業情形回覆卡")
    if gate is not None:
        return gate
    claim = open_claim_of(rec.seeker_id, rec.recommended_at)
    return render(
        request,
        "statutory/reply_card.html",
        {
            "rec": rec,
            "seeker": rec.seeker,
            "window": reply_window(rec, today),
            "claim": claim,
            "km": commute_km(rec),
            "pay": offered_monthly_pay(rec),
            "grounds": grounds(today),
            "form": form,
        },
    )
