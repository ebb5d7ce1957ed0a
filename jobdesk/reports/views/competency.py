"""Staff competency assessments: a counsellor's self-assessment per K/S/A item and behaviour
indicator with their practice evidence beside it, the supervisor's assessment and sign-off."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import Role
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.reports import practice, services
from jobdesk.reports.models import AssessmentStatus, CompetencyAssessment
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope, require_report_reader


def assessments_for(user: Any) -> QuerySet[CompetencyAssessment]:
    """Supervisors: their office subtree's; counsellors: their own."""
    rows = CompetencyAssessment.objects.for_user(user).select_related("counsellor", "signed_by")
    if user.role == Role.COUNSELLOR:
        rows = rows.filter(counsellor=user)
    return rows


def _get(user: Any, public_id: Any) -> CompetencyAssessment:
    found = get_for_user_or_404(CompetencyAssessment, user, public_id)
    if user.role == Role.COUNSELLOR and found.counsellor_id != user.pk:
        raise Http404
    return found


@login_required
def competency_list(request: HttpRequest) -> HttpResponse:
    require_report_reader(request.user)
    return render(
        request,
        "reports/competency_list.html",
        {
            "assessments": assessments_for(request.user),
            "is_counsellor": getattr(request.user, "role", "") == Role.COUNSELLOR,
        },
    )


@login_required
@require_POST
def competency_start(request: HttpRequest) -> HttpResponse:
    require_report_reader(request.user)
    try:
        assessment = services.start_assessment(actor=acting_user(request))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("reports:competency_list")
    return redirect("reports:competency_detail", assessment.public_id)


def _evidence(assessment: CompetencyAssessment) -> dict[str, practice.Evidence]:
    period = Period(assessment.evidence_from, assessment.evidence_to + datetime.timedelta(days=1))
    counsellor: Any = assessment.counsellor
    scope = ReportScope(counsellor, counsellor.office, counsellor)
    return practice.evidence(scope, period).get(assessment.counsellor_id, {})


@login_required
def competency_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    require_report_reader(request.user)
    user: Any = request.user
    assessment = _get(user, public_id)
    can_self = assessment.status == AssessmentStatus.DRAFT and assessment.counsellor_id == user.pk
    can_sign = (
        assessment.status == AssessmentStatus.SUBMITTED
        and user.role == Role.SUPERVISOR
        and assessment.counsellor_id != user.pk
    )
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        posted = {k: str(v) for k, v in request.POST.items()}
        try:
            version = int(request.POST.get("version", "0"))
            if action in ("save", "submit") and can_self:
                services.save_self_assessment(
                    assessment,
                    actor=user,
                    expected_version=version,
                    levels={k[5:]: v for k, v in posted.items() if k.startswith("self-")},
                    notes={k[9:]: v for k, v in posted.items() if k.startswith("selfnote-")},
                    submit=action == "submit",
                )
                messages.success(
                    request, "自評已送出，待督導評核。" if action == "submit" else "自評已儲存。"
                )
                return redirect("reports:competency_detail", assessment.public_id)
            if action == "sign" and can_sign:
                services.sign_assessment(
                    assessment,
                    actor=user,
                    expected_version=version,
                    levels={k[4:]: v for k, v in posted.items() if k.startswith("sup-")},
                    notes={k[8:]: v for k, v in posted.items() if k.startswith("supnote-")},
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, "職能評核已簽核。")
                return redirect("reports:competency_detail", assessment.public_id)
            raise PermissionDenied("您目前不能修改這份職能評核。")
        except ValueError:
            errors.append("表單內容不正確，請重新載入頁面。")
        except ValidationError as exc:
            errors.extend(exc.messages)
        except PermissionDenied as exc:
            errors.append(str(exc) or "您沒有權限執行此動作。")
        assessment.refresh_from_db()
    ratings = {r.item_code: r for r in assessment.ratings.all()}
    evidence = _evidence(assessment)
    rows = [
        (item, ratings.get(item.code), evidence.get(item.code))
        for item in services.competency_items()
    ]
    return render(
        request,
        "reports/competency_detail.html",
        {
            "a": assessment,
            "rows": rows,
            "can_self": can_self,
            "can_sign": can_sign,
            "levels": [1, 2, 3, 4, 5],
            "errors": errors,
            "posted": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )
