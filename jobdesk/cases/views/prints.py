"""A4 print pages for the seeker to sign and the standard's work outputs: 求職登記表, 就業計畫書,
O1.2.1, O2.3.1, O3.4.1 (each print is logged; dates in 民國 years, ``JOBDESK_ROC_DATES``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jobdesk.cases.models import (
    Case,
    ClosureRecord,
    EmploymentPlan,
    JobSeeker,
    NeedsAssessment,
    Review,
)
from jobdesk.cases.views.base import gate_seeker_read, require_casework
from jobdesk.common.scoping import get_for_user_or_404


@login_required
def seeker_print(request: HttpRequest, public_id: str) -> HttpResponse:
    """求職登記表 for the job seeker to check and sign (no PDPA Art. 6 data on paper)."""
    require_casework(request.user)
    seeker = get_for_user_or_404(JobSeeker, request.user, public_id)
    if (
        gate := gate_seeker_read(request, seeker, what="列印求職登記表", action="print")
    ) is not None:
        return gate
    return render(
        request, "cases/print_seeker.html", {"seeker": seeker, "today": timezone.localdate()}
    )


@login_required
def plan_print(request: HttpRequest, public_id: str) -> HttpResponse:
    """就業計畫書 (T2.1) for the job seeker to agree and sign."""
    require_casework(request.user)
    case = get_for_user_or_404(Case, request.user, public_id)
    plan = EmploymentPlan.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    if (
        gate := gate_seeker_read(
            request, case.seeker, what="列印就業計畫書", case=case, action="print"
        )
    ) is not None:
        return gate
    confirmation = getattr(case, "confirmation", None) if hasattr(case, "confirmation") else None
    return render(
        request,
        "cases/print_plan.html",
        {
            "case": case,
            "seeker": case.seeker,
            "plan": plan,
            "steps": plan.steps.all(),
            "confirmation": confirmation,
        },
    )


@login_required
def assessment_print(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    assessment = get_for_user_or_404(NeedsAssessment, request.user, public_id)
    case = assessment.case
    if (
        gate := gate_seeker_read(
            request, case.seeker, what="列印 O1.2.1 就業服務需求表", case=case, action="print"
        )
    ) is not None:
        return gate
    return render(
        request,
        "cases/print_assessment.html",
        {"a": assessment, "case": case, "seeker": case.seeker},
    )


@login_required
def review_print(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    review = get_for_user_or_404(Review, request.user, public_id)
    case = review.case
    if (
        gate := gate_seeker_read(
            request, case.seeker, what="列印 O2.3.1 職能發展計畫", case=case, action="print"
        )
    ) is not None:
        return gate
    return render(
        request,
        "cases/print_review.html",
        {
            "r": review,
            "case": case,
            "seeker": case.seeker,
            "plan": EmploymentPlan.objects.filter(case=case).first(),
            "skills": getattr(case, "skills_assessment", None)
            if hasattr(case, "skills_assessment")
            else None,
        },
    )


@login_required
def closure_print(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    closure = get_for_user_or_404(ClosureRecord, request.user, public_id)
    case = closure.case
    if (
        gate := gate_seeker_read(
            request, case.seeker, what="列印 O3.4.1 結案紀錄", case=case, action="print"
        )
    ) is not None:
        return gate
    return render(
        request,
        "cases/print_closure.html",
        {
            "c": closure,
            "case": case,
            "seeker": case.seeker,
            "placements": case.placements.all(),
            "follow_ups": case.follow_ups.all(),
            "activity_count": case.activities.count(),
        },
    )
