"""Moving a case to another office: the sending supervisor's request, the receiving supervisor's
inbox and decision (jobdesk/cases/services/transfers.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.audit.services import record_list_reads
from jobdesk.cases import forms as f
from jobdesk.cases.models import Case, CaseTransfer, TransferStatus
from jobdesk.cases.selectors import counsellors_for
from jobdesk.cases.services import transfers as services
from jobdesk.cases.transitions import TRANSFER
from jobdesk.cases.views.base import log_seeker_read, require_supervisor_role
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404, office_subtree
from jobdesk.common.transitions import role_of


@login_required
def case_transfer(request: HttpRequest, public_id: str) -> HttpResponse:
    """The sending supervisor asks another office to take the case (or withdraws the request)."""
    require_supervisor_role(request.user)
    case = get_for_user_or_404(Case, request.user, public_id, "change")
    pending = services.pending_transfer(case)
    form = f.TransferRequestForm(
        request.POST or None,
        offices=services.transfer_targets(case),
        initial={"version": case.version},
    )
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            services.request_transfer(
                case,
                actor=acting_user(request),
                to_office=form.cleaned_data["to_office"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已送出移轉申請，待接收據點的督導處理。")
            return redirect("cases:case_detail", public_id=case.public_id)
    log_seeker_read(request, case.seeker, what="個案移轉", case=case)
    return render(
        request,
        "cases/transfer_request.html",
        {
            "case": case,
            "form": form,
            "pending": pending,
            "history": CaseTransfer.objects.filter(case=case).select_related(
                "office", "from_office", "decided_by"
            ),
        },
    )


@login_required
@require_POST
def transfer_cancel(request: HttpRequest, public_id: str) -> HttpResponse:
    require_supervisor_role(request.user)
    case = get_for_user_or_404(Case, request.user, public_id, "change")
    pending = services.pending_transfer(case)
    if pending is None:
        messages.error(request, TRANSFER.refused or "")
    else:
        try:
            services.cancel_transfer(pending, actor=acting_user(request))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已撤回移轉申請。")
    return redirect("cases:case_detail", public_id=case.public_id)


@login_required
def transfers_incoming(request: HttpRequest) -> HttpResponse:
    """The receiving supervisor's inbox: requests to take a case in."""
    require_supervisor_role(request.user)
    transfers = list(
        CaseTransfer.objects.for_user(request.user)
        .filter(status=TransferStatus.PENDING)
        .select_related("case__seeker", "from_office", "office", "requested_by")
        .order_by("created_at")[:200]
    )
    record_list_reads(acting_user(request), (t.case.seeker for t in transfers), "移入個案清單")
    return render(request, "cases/transfers_incoming.html", {"transfers": transfers})


@login_required
def transfer_decide(request: HttpRequest, public_id: str) -> HttpResponse:
    require_supervisor_role(request.user)
    transfer = get_for_user_or_404(CaseTransfer, request.user, public_id, "change")
    case = transfer.case
    counsellors = counsellors_for(request.user).filter(office__in=office_subtree(transfer.office))
    form = f.TransferDecideForm(request.POST or None, counsellors=counsellors)
    if request.method == "POST" and form.is_valid():
        actor = acting_user(request)
        accepted = False
        try:
            if request.POST.get("decision") == "decline":
                services.decline_transfer(transfer, actor=actor, note=form.cleaned_data["note"])
                done = "已回覆不予接收。"
            else:
                if form.cleaned_data["counsellor"] is None:
                    raise ValidationError({"counsellor": "請選擇接收後負責的就業服務員。"})
                services.accept_transfer(
                    transfer, actor=actor, counsellor=form.cleaned_data["counsellor"]
                )
                done, accepted = "已接收個案。", True
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, "；".join(exc.messages))
                return redirect("cases:transfers_incoming")
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            if accepted:  # the case is this office's now
                return redirect("cases:case_detail", public_id=case.public_id)
            return redirect("cases:transfers_incoming")
    log_seeker_read(request, case.seeker, what="移轉個案（接收審核）", case=case)
    return render(
        request,
        "cases/transfer_decide.html",
        {
            "transfer": transfer,
            "case": case,
            "form": form,
            "decidable": TRANSFER.allows(transfer.status, "decide", role_of(request.user)),
        },
    )
