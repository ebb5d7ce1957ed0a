"""Matching and recommendation screens. Views parse, check, call selectors/services, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_access, record_accesses, record_list_reads
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.common.transitions import role_of
from jobdesk.matching import selectors, services
from jobdesk.matching.filters import RECOMMENDATION_EXPORT, RecommendationFilter
from jobdesk.matching.forms import (
    RecommendForm,
    ReplyForm,
    SeekerMatchFilterForm,
    StartForm,
    VacancyMatchFilterForm,
    WithdrawForm,
)
from jobdesk.matching.models import (
    CASEWORK_ROLES,
    RECOMMENDATION_ROLES,
    Recommendation,
    RecommendationStatus,
)
from jobdesk.matching.transitions import RECOMMENDATION, REPLIES

TOP_K = 20


def _require(user: Any, roles: frozenset[str]) -> None:
    if user.role not in roles:
        raise PermissionDenied


def _is_casework(user: Any) -> bool:
    return user.role in CASEWORK_ROLES


def _seeker(user: Any, public_id: Any, action: str = "view") -> Any:
    from jobdesk.cases.models import JobSeeker

    return get_for_user_or_404(JobSeeker, user, public_id, action)


def _vacancy(user: Any, public_id: Any) -> Any:
    from jobdesk.employers.models import Vacancy

    return get_for_user_or_404(Vacancy, user, public_id)


def masked_name(name: str) -> str:
    """王小明 → 王○明: officers see candidates before any consent to disclose (§9)."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "○"
    return name[0] + "○" * (len(name) - 2) + name[-1]


# -- matching ------------------------------------------------------------------------------------
@login_required
def seeker_matches(request: HttpRequest, public_id: str) -> HttpResponse:
    """媒合職缺: the top vacancies for a job seeker, with every factor's reason."""
    _require(request.user, CASEWORK_ROLES)
    seeker = _seeker(request.user, public_id)
    form = VacancyMatchFilterForm(request.GET or None)
    found = (
        selectors.match_vacancies(request.user, seeker, TOP_K, form.filters())
        if not form.is_bound or form.is_valid()
        else []
    )
    # relevance first: the unrelated vacancies are listed only when the counsellor widens
    relevant = [m for m in found if m.relevant]
    widened = form.widened
    widen_query = request.GET.copy()
    widen_query["widen"] = "on"
    record_access(
        actor=acting_user(request), subject=seeker, action=AccessAction.SEARCH, what="媒合職缺"
    )
    return render(
        request,
        "matching/seeker_matches.html",
        {
            "seeker": seeker,
            "form": form,
            "matches": found if widened else relevant,
            "relevant_count": len(relevant),
            "fewer": len(relevant) < TOP_K and len(found) > len(relevant),
            "widened": widened,
            "widen_url": f"?{widen_query.urlencode()}",
            "suggestions": selectors.batch_suggestions_for_seeker(request.user, seeker),
            "run": selectors.latest_run(),
        },
    )


@login_required
def vacancy_matches(request: HttpRequest, public_id: str) -> HttpResponse:
    """媒合求職者: the top job seekers of the user's office subtree for a vacancy."""
    _require(request.user, RECOMMENDATION_ROLES)
    vacancy = _vacancy(request.user, public_id)
    form = SeekerMatchFilterForm(request.GET or None)
    ok, reason = vacancy.is_recommendable()
    found = (
        selectors.match_seekers(request.user, vacancy, TOP_K, form.filters())
        if ok and (not form.is_bound or form.is_valid())
        else []
    )
    # relevance first: seekers of unrelated trades are listed only when the user widens
    relevant = [m for m in found if m.relevant]
    widened = form.widened
    matches = found if widened else relevant
    widen_query = request.GET.copy()
    widen_query["widen"] = "on"
    full_names = _is_casework(request.user)
    # only the seekers shown are read (§ access log): the unrelated ones stay unread until widened
    record_accesses(
        actor=acting_user(request),
        subjects=((m.seeker, None) for m in matches),
        action=AccessAction.SEARCH,
        what=f"媒合求職者：{vacancy.title}"[:200],
    )
    rows = [
        {"match": m, "name": m.seeker.name if full_names else masked_name(m.seeker.name)}
        for m in matches
    ]
    return render(
        request,
        "matching/vacancy_matches.html",
        {
            "vacancy": vacancy,
            "form": form,
            "rows": rows,
            "recommendable": ok,
            "reason": reason,
            "full_names": full_names,
            "relevant_count": len(relevant),
            "fewer": len(relevant) < TOP_K and len(found) > len(relevant),
            "widened": widened,
            "widen_url": f"?{widen_query.urlencode()}",
        },
    )


@login_required
def recommend(request: HttpRequest, seeker_id: str, vacancy_id: str) -> HttpResponse:
    """推介: the pair's reasons, the seeker's agreement, and the recommendation itself."""
    _require(request.user, CASEWORK_ROLES)
    seeker = _seeker(request.user, seeker_id, "change")
    vacancy = _vacancy(request.user, vacancy_id)
    ok, reason = vacancy.is_recommendable()
    pair = selectors.explain_pair(seeker, vacancy) if ok else None
    form = RecommendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rec = services.recommend(
                actor=acting_user(request),
                seeker=seeker,
                vacancy=vacancy,
                consent=form.cleaned_data["consent"],
                note=form.cleaned_data["note"],
                score=pair[0] if pair else None,
                explanation=pair[1] if pair else None,
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, f"已推介 {seeker.name} 至「{vacancy.title}」。")
            return redirect("matching:recommendation_detail", public_id=rec.public_id)
    record_access(actor=acting_user(request), subject=seeker, what=f"推介：{vacancy.title}"[:200])
    return render(
        request,
        "matching/recommend.html",
        {
            "seeker": seeker,
            "vacancy": vacancy,
            "recommendable": ok,
            "reason": reason,
            "pair": pair,
            "form": form,
        },
    )


# -- recommendations -----------------------------------------------------------------------------
@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, RECOMMENDATION_ROLES)
    if wanted_format(request):
        return export_response(request, RECOMMENDATION_EXPORT)
    filtered = RecommendationFilter(request.user).run(
        request.GET, selectors.recommendations_for(request.user)
    )
    form, qs = filtered.form, filtered.queryset
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    record_list_reads(acting_user(request), (r.seeker for r in page), "推介清單")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matching/recommendation_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "title": "推介"},
    )


def _detail(request: HttpRequest, rec: Recommendation, **forms: Form) -> HttpResponse:
    v = rec.version
    casework = _is_casework(request.user)
    # the forms come from the table the services check (jobdesk/matching/transitions.py)
    allowed = RECOMMENDATION.allowed_actions(rec.status, role_of(request.user))
    context: dict[str, Any] = {
        "rec": rec,
        "casework": casework,
        "allowed_actions": allowed,
        "reply_form": forms.get("reply_form")
        or (ReplyForm(initial={"version": v}) if allowed & set(REPLIES) else None),
        "start_form": forms.get("start_form")
        or (
            StartForm(initial={"version": v, "pay": rec.vacancy.pay_min, "pay_basis": "monthly"})
            if "start" in allowed
            else None
        ),
        "withdraw_form": forms.get("withdraw_form")
        or (WithdrawForm(initial={"version": v}) if "withdraw" in allowed else None),
    }
    record_access(
        actor=acting_user(request), subject=rec.seeker, office=rec.office, what="推介紀錄"
    )
    return render(request, "matching/recommendation_detail.html", context)


def _rec(request: HttpRequest, public_id: str, action: str = "view") -> Recommendation:
    _require(request.user, RECOMMENDATION_ROLES)
    rec = get_for_user_or_404(Recommendation, request.user, public_id, action)
    return (
        Recommendation.objects.select_related(
            "seeker", "vacancy", "vacancy__employer", "counsellor", "office", "case"
        )
        .filter(pk=rec.pk)
        .get()
    )


@login_required
def recommendation_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _rec(request, public_id))


@login_required
@require_POST
def recommendation_reply(request: HttpRequest, public_id: str) -> HttpResponse:
    rec = _rec(request, public_id, "change")
    form = ReplyForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_reply(
                rec,
                actor=acting_user(request),
                expected_version=d["version"],
                outcome=d["outcome"],
                reason=d["reason"],
                note=d["note"],
                interview_on=d["interview_on"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已登錄雇主回覆。")
            return redirect("matching:recommendation_detail", public_id=rec.public_id)
    rec.refresh_from_db()
    return _detail(request, rec, reply_form=form)


@login_required
@require_POST
def recommendation_start(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, CASEWORK_ROLES)
    rec = _rec(request, public_id, "change")
    form = StartForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_start(
                rec,
                actor=acting_user(request),
                expected_version=d["version"],
                start_date=d["start_date"],
                pay=d["pay"],
                pay_basis=d["pay_basis"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已登錄報到，個案進入就業追蹤。")
            return redirect("matching:recommendation_detail", public_id=rec.public_id)
    rec.refresh_from_db()
    return _detail(request, rec, start_form=form)


@login_required
@require_POST
def recommendation_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, CASEWORK_ROLES)
    rec = _rec(request, public_id, "change")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw(
                rec,
                actor=acting_user(request),
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, "已撤回推介。")
            return redirect("matching:recommendation_detail", public_id=rec.public_id)
    rec.refresh_from_db()
    return _detail(request, rec, withdraw_form=form)


@login_required
def referral_card(request: HttpRequest, public_id: str) -> HttpResponse:
    """介紹卡 (A5 on A4): only what the employer needs; opening it logs a print of personal data."""
    rec = _rec(request, public_id)
    if request.method == "POST":
        try:
            services.record_card_printed(rec, actor=acting_user(request))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已記錄介紹卡列印交付時間。")
        return redirect("matching:referral_card", public_id=rec.public_id)
    services.record_card_viewed(rec, actor=acting_user(request))
    return render(request, "matching/referral_card.html", {"rec": rec})


@login_required
def seeker_recommendations(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, CASEWORK_ROLES)
    seeker = _seeker(request.user, public_id)
    recs = selectors.recommendations_for(request.user).filter(seeker=seeker)
    record_access(actor=acting_user(request), subject=seeker, what="推介紀錄")
    return render(request, "matching/seeker_recommendations.html", {"seeker": seeker, "recs": recs})


@login_required
def vacancy_pipeline(request: HttpRequest, public_id: str) -> HttpResponse:
    _require(request.user, RECOMMENDATION_ROLES)
    vacancy = _vacancy(request.user, public_id)
    recs = list(selectors.recommendations_for(request.user).filter(vacancy=vacancy))
    record_accesses(
        actor=acting_user(request),
        subjects=((rec.seeker, rec.office) for rec in recs),
        what="職缺推介名單",
    )
    columns = [
        (label, [r for r in recs if r.status == value])
        for value, label in RecommendationStatus.choices
    ]
    return render(
        request,
        "matching/vacancy_pipeline.html",
        {"vacancy": vacancy, "columns": columns, "total": len(recs)},
    )
