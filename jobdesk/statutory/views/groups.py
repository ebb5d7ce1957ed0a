"""特定對象 (就業服務法 §24) of a seeker: recorded with proof and consent, withdrawn."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.cases.models import JobSeeker
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.statutory.forms import TargetGroupForm
from jobdesk.statutory.models import CONSENT_PURPOSE, TargetGroupRecord
from jobdesk.statutory.services.groups import record_target_group, withdraw_target_group
from jobdesk.statutory.views.base import read_seeker, require_casework, show_errors
from jobdesk.taxonomy.models import TargetGroup


@login_required
def target_groups(request: HttpRequest, seeker_id: str) -> HttpResponse:
    require_casework(request.user)
    seeker = get_for_user_or_404(JobSeeker, request.user, seeker_id)
    form = TargetGroupForm(request.POST or None)
    if request.method == "POST" and "group_code" in request.POST:
        require_casework(request.user, change=True)
        seeker = get_for_user_or_404(JobSeeker, request.user, seeker_id, "change")
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["group_code"] = data["group_code"].code
            try:
                record_target_group(seeker, actor=acting_user(request), **data)
            except ValidationError as error:
                attach_service_errors(form, error)
            else:
                messages.success(request, "已登錄特定對象身分。")
                return redirect("statutory:target_groups", seeker_id=seeker.public_id)
    gate = read_seeker(request, seeker, what="特定對象身分（敏感資料）")
    if gate is not None:
        return gate
    names = dict(TargetGroup.objects.values_list("code", "name"))
    rows = [
        (r, names.get(r.group_encrypted, r.group_encrypted))
        for r in TargetGroupRecord.objects.filter(seeker=seeker).select_related("verified_by")
    ]
    return render(
        request,
        "statutory/target_groups.html",
        {"seeker": seeker, "rows": rows, "form": form, "purpose": CONSENT_PURPOSE},
    )


@login_required
@require_POST
def target_group_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    record = get_for_user_or_404(TargetGroupRecord, request.user, public_id, "change")
    try:
        withdraw_target_group(record, actor=acting_user(request))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, "已撤回，此身分不再用於資格審核。")
    return redirect("statutory:target_groups", seeker_id=record.seeker.public_id)
