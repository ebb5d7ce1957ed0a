"""A case and its steps through the standard: each form page calls one service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.services import record_list_reads
from jobdesk.cases import forms as f
from jobdesk.cases import services
from jobdesk.cases.filters import CASE_EXPORT, CaseFilter
from jobdesk.cases.models import (
    Case,
    CaseStatus,
    ClosureRecord,
    ClosureStatus,
    EmploymentPlan,
    FollowUp,
    NeedsAssessment,
    PlanStep,
    PlanStepStatus,
)
from jobdesk.cases.selectors import (
    cases_for,
    counsellors_for,
    market_for_case,
    practice_counts,
)
from jobdesk.cases.services.closure import closure_blockers, closure_warnings
from jobdesk.cases.services.transfers import pending_transfer
from jobdesk.cases.transitions import CASE, CLOSURE
from jobdesk.cases.views.base import (
    error_text,
    gate_seeker_read,
    log_seeker_read,
    require_casework,
    require_supervisor_role,
)
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.transitions import role_of
from jobdesk.privacy.access import gate_applies

Runner = Callable[[Case, dict[str, Any], Any, int | None], Any]


@dataclass(frozen=True)
class Step:
    title: str
    task: str
    form: type[forms.BaseForm]
    run: Runner
    initial: Callable[[Case], dict[str, Any]] = field(default=lambda case: {})
    market: bool = False
    done: str = "已儲存。"


def _latest_assessment(case: Case) -> dict[str, Any]:
    latest = case.assessments.order_by("-number").first()
    base: dict[str, Any] = {"interviewed_on": timezone.localdate()}
    if latest is None:
        return base
    return base | {k: getattr(latest, k) for k in services.casework.ASSESSMENT_FIELDS[1:]}


def _confirmation_initial(case: Case) -> dict[str, Any]:
    c = getattr(case, "confirmation", None) if hasattr(case, "confirmation") else None
    if c is None:
        return {"confirmed_on": timezone.localdate()}
    return {k: getattr(c, k) for k in services.casework.CONFIRMATION_FIELDS}


def _plan_initial(case: Case) -> dict[str, Any]:
    plan = EmploymentPlan.objects.filter(case=case).first()
    if plan is None:
        seeker = case.seeker
        return {
            "agreed_on": timezone.localdate(),
            "target_occupations": list(seeker.desired_occupations.all()),
            "target_townships": list(seeker.desired_townships.all()),
        }
    return {
        "target_occupations": list(plan.target_occupations.all()),
        "target_industries": list(plan.target_industries.all()),
        "target_townships": list(plan.target_townships.all()),
        "personal_constraints": plan.personal_constraints,
        "strategy": plan.strategy,
        "agreed_on": plan.agreed_on,
        "version": plan.version,
    }


def _skills_initial(case: Case) -> dict[str, Any]:
    row = getattr(case, "skills_assessment", None) if hasattr(case, "skills_assessment") else None
    if row is None:
        return {"assessed_on": timezone.localdate()}
    return {k: getattr(row, k) for k in services.records.SKILL_FIELDS} | {
        "areas_to_develop": row.areas_to_develop,
        "assessed_on": row.assessed_on,
    }


def _plan_of(case: Case) -> EmploymentPlan:
    plan = EmploymentPlan.objects.filter(case=case).first()
    if plan is None:
        raise ValidationError("請先訂定就業計畫。")
    return plan


STEPS: dict[str, Step] = {
    "assessment": Step(
        "就業服務需求表（O1.2.1）",
        "T1.2",
        f.AssessmentForm,
        lambda c, d, u, v: services.record_needs_assessment(c, actor=u, data=d, expected_version=v),
        _latest_assessment,
        market=True,
        done="已儲存新版本的需求表；確認內容後請簽核。",
    ),
    "confirm": Step(
        "確認就業服務需求（T1.3）",
        "T1.3",
        f.ConfirmationForm,
        lambda c, d, u, v: services.confirm_needs(c, actor=u, data=d, expected_version=v),
        _confirmation_initial,
    ),
    "plan": Step(
        "就業計畫（T2.1）",
        "T2.1",
        f.PlanForm,
        lambda c, d, u, v: services.save_plan(c, actor=u, data=d, expected_version=v),
        _plan_initial,
        market=True,
    ),
    "plan_step": Step(
        "新增計畫步驟",
        "T2.1",
        f.PlanStepForm,
        lambda c, d, u, v: services.add_plan_step(_plan_of(c), actor=u, **d),
    ),
    "skills": Step(
        "求職技能評估（T2.2）",
        "T2.2",
        f.SkillsForm,
        lambda c, d, u, v: services.save_skills_assessment(c, actor=u, data=d),
        _skills_initial,
    ),
    "development": Step(
        "求職技能發展活動（T2.2）",
        "T2.2",
        f.DevelopmentForm,
        lambda c, d, u, v: services.add_development_activity(c, actor=u, **d),
    ),
    "review": Step(
        "定期評估與職能發展計畫（O2.3.1）",
        "T2.3",
        f.ReviewForm,
        lambda c, d, u, v: services.record_review(c, actor=u, data=d, expected_version=v),
        lambda c: {"reviewed_on": timezone.localdate()},
    ),
    "activity": Step(
        "新增服務紀錄",
        "",
        f.ActivityForm,
        lambda c, d, u, v: services.record_activity(c, actor=u, **d),
    ),
    "placement": Step(
        "登錄就業",
        "T3.2",
        f.PlacementForm,
        lambda c, d, u, v: services.place_case(
            c, actor=u, expected_version=v, **{k: x for k, x in d.items() if k != "version"}
        ),
        lambda c: {"start_date": timezone.localdate(), "pay_basis": c.seeker.pay_basis},
        done="已登錄就業，並排定到職後 1、3、6 個月的追蹤。",
    ),
    "closure": Step(
        "申請結案（O3.4.1 結案紀錄）",
        "T3.4",
        f.ClosureRequestForm,
        lambda c, d, u, v: services.request_closure(
            c,
            actor=u,
            reason=d["reason"],
            outcome=d["outcome"],
            improvement_strategy=d["improvement_strategy"],
            expected_version=v,
            confirmed=d.get("confirm", False),
        ),
        done="已送出結案申請，待督導核定。",
    ),
    "reopen": Step(
        "重新開案",
        "",
        f.ReopenForm,
        lambda c, d, u, v: services.reopen_case(c, actor=u, reason=d["reason"], expected_version=v),
        done="已重新開案。",
    ),
}


def _case_step(request: HttpRequest, public_id: str, name: str) -> HttpResponse:
    require_casework(request.user, change=True)
    step = STEPS[name]
    case = get_for_user_or_404(Case, request.user, public_id, "change")
    if gate_applies(request) and (
        gate := gate_seeker_read(request, case.seeker, what=str(step.title), case=case)
    ):
        return gate
    if request.method == "POST":
        form = step.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version", None)  # required by every versioned step form
            try:
                step.run(case, data, request.user, version)
            except ValidationError as exc:
                attach_service_errors(form, exc)  # type: ignore[arg-type]
            else:
                messages.success(request, step.done)
                return redirect("cases:case_detail", public_id=case.public_id)
    else:
        initial = step.initial(case)
        if "version" in step.form.base_fields and "version" not in initial:  # type: ignore[attr-defined]
            initial["version"] = case.version
        form = step.form(initial=initial)
    context: dict[str, Any] = {"case": case, "form": form, "title": step.title, "task": step.task}
    if name == "closure":
        context["blockers"] = closure_blockers(case)
        context["warnings"] = closure_warnings(case)
    if step.market:
        context["market"] = market_for_case(case)
    return render(request, "cases/case_form.html", context)


def _step_view(name: str) -> Callable[[HttpRequest, str], HttpResponse]:
    @login_required
    def view(request: HttpRequest, public_id: str) -> HttpResponse:
        return _case_step(request, public_id, name)

    view.__name__ = f"case_{name}"
    return view


assessment_create = _step_view("assessment")
confirm_needs = _step_view("confirm")
plan_edit = _step_view("plan")
plan_step_add = _step_view("plan_step")
skills_edit = _step_view("skills")
development_add = _step_view("development")
review_create = _step_view("review")
activity_create = _step_view("activity")
placement_create = _step_view("placement")
closure_request = _step_view("closure")
case_reopen = _step_view("reopen")


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    require_casework(request.user)
    if wanted_format(request):
        return export_response(request, CASE_EXPORT)
    filtered = CaseFilter(request.user).run(request.GET, cases_for(request.user))
    qs = filtered.queryset
    data = filtered.form.cleaned_data if filtered.form.is_bound and filtered.ok else {}
    status, mine = data.get("status", ""), bool(data.get("mine"))
    page = Paginator(qs.order_by("-opened_at"), 50).get_page(request.GET.get("page"))
    record_list_reads(acting_user(request), (c.seeker for c in page), "個案清單")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": CaseStatus.choices,
            "status": status,
            "mine": mine,
            "filter_errors": filtered.errors,
        },
    )


@login_required
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user)
    case = get_for_user_or_404(Case, request.user, public_id)
    if (gate := gate_seeker_read(request, case.seeker, what="個案資料", case=case)) is not None:
        return gate
    plan = EmploymentPlan.objects.filter(case=case).first()
    role = role_of(request.user)
    allowed = CASE.allowed_actions(case.status, role)
    closures = list(case.closures.select_related("decided_by", "recorded_by"))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "seeker": case.seeker,
            "assessments": case.assessments.select_related("signed_by", "recorded_by"),
            "confirmation": getattr(case, "confirmation", None)
            if hasattr(case, "confirmation")
            else None,
            "plan": plan,
            "steps": plan.steps.all() if plan else [],
            "skills": getattr(case, "skills_assessment", None)
            if hasattr(case, "skills_assessment")
            else None,
            "development": case.development_activities.all(),
            "reviews": case.reviews.all(),
            "activities": case.activities.select_related("recorded_by")[:50],
            "practice": practice_counts(case),
            "placements": case.placements.all(),
            "follow_ups": case.follow_ups.all(),
            "closures": closures,
            "blockers": closure_blockers(case),
            # the buttons come from the table the services check (jobdesk/cases/transitions.py)
            "allowed_actions": allowed,
            "pending_transfer": pending_transfer(case) if "transfer" in allowed else None,
            "decidable_closures": {
                c.pk
                for c in closures
                if "decide_closure" in allowed and CLOSURE.allows(c.status, "decide", role)
            },
            "step_statuses": PlanStepStatus.choices,
            "statuses": CaseStatus.choices,
            "today": timezone.localdate(),
        },
    )


def _post_action(
    request: HttpRequest, case: Case, action: Callable[[], Any], done: str
) -> HttpResponse:
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect("cases:case_detail", public_id=case.public_id)


@login_required
@require_POST
def assessment_sign(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    assessment = get_for_user_or_404(NeedsAssessment, request.user, public_id, "change")
    return _post_action(
        request,
        assessment.case,
        lambda: services.sign_needs_assessment(assessment, actor=acting_user(request)),
        f"已簽核需求表第 {assessment.number} 版。",
    )


@login_required
@require_POST
def plan_step_status(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    step = get_for_user_or_404(PlanStep, request.user, public_id, "change")
    form = f.StepStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "請選擇步驟狀態。")
        return redirect("cases:case_detail", public_id=step.case.public_id)
    return _post_action(
        request,
        step.case,
        lambda: services.set_plan_step_status(
            step,
            actor=acting_user(request),
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        ),
        "已更新計畫步驟。",
    )


@login_required
def follow_up_record(request: HttpRequest, public_id: str) -> HttpResponse:
    require_casework(request.user, change=True)
    follow_up = get_for_user_or_404(FollowUp, request.user, public_id, "change")
    case = follow_up.case
    form = f.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            confirmed = data.pop("confirm", False)
            services.record_follow_up(
                follow_up, actor=acting_user(request), confirmed=confirmed, **data
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已記錄就業追蹤。")
            return redirect("cases:case_detail", public_id=case.public_id)
    log_seeker_read(request, case.seeker, what="就業追蹤紀錄", case=case)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": f"就業追蹤：{follow_up}（預定 {follow_up.due_on:%Y-%m-%d}）",
            "task": "T3.4",
        },
    )


@login_required
def closure_decide(request: HttpRequest, public_id: str) -> HttpResponse:
    """The supervisor reads the closure record and approves or sends it back."""
    require_supervisor_role(request.user)
    closure = get_for_user_or_404(ClosureRecord, request.user, public_id, "change")
    case = closure.case
    form = f.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if request.POST.get("decision") == "reject":
                services.reject_closure(closure, actor=acting_user(request), comment=comment)
                done = "已退回結案申請。"
            else:
                services.approve_closure(closure, actor=acting_user(request), comment=comment)
                done = "已核定結案。"
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # decided meanwhile (another supervisor, a
                # second click): say so on the page that shows the decision, whatever it hides
                messages.error(request, "；".join(exc.messages))
                return redirect("cases:closure_decide", public_id=closure.public_id)
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("cases:closures_pending")
    else:
        log_seeker_read(request, case.seeker, what="結案紀錄（核定）", case=case)
    return render(
        request,
        "cases/closure_decide.html",
        {
            "case": case,
            "closure": closure,
            "form": form,
            "pending": closure.status == ClosureStatus.PENDING,
        },
    )


@login_required
def case_reassign(request: HttpRequest, public_id: str) -> HttpResponse:
    require_supervisor_role(request.user)
    case = get_for_user_or_404(Case, request.user, public_id, "change")
    counsellors = counsellors_for(request.user)
    form = f.ReassignForm(
        request.POST or None, counsellors=counsellors, initial={"version": case.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign_case(
                case,
                actor=acting_user(request),
                counsellor=form.cleaned_data["counsellor"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已改派個案。")
            return redirect("cases:case_detail", public_id=case.public_id)
    log_seeker_read(request, case.seeker, what="個案改派", case=case)
    return render(
        request,
        "cases/case_form.html",
        {"case": case, "form": form, "title": "改派個案", "task": ""},
    )
