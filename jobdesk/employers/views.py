"""Views of employers and vacancies: they parse, check roles and scope, and call services."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES, EMPLOYER_VIEW_ROLES, Role
from jobdesk.audit.exports import export_response, wanted_format
from jobdesk.common.forms import attach_service_errors
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.employers import services
from jobdesk.employers.filters import VACANCY_EXPORT, VacancyListFilter
from jobdesk.employers.forms import (
    DisputeForm,
    EmployerForm,
    GivenInformationForm,
    ImportUploadForm,
    LiftDisputeForm,
    MarketForm,
    OccupationConfirmForm,
    OverrideFindingForm,
    VacancyForm,
)
from jobdesk.employers.importing.readers import TEMPLATE_COLUMNS
from jobdesk.employers.market import market_summary
from jobdesk.employers.models import (
    Employer,
    ImportBatch,
    Vacancy,
    VacancyFinding,
    VacancyStatus,
)
from jobdesk.employers.selectors import employers_for_user, vacancy_page
from jobdesk.employers.transitions import FINDING, VACANCY

STAFF_ROLES = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})
PAGE_SIZE = 25
PREVIEW_ROWS_PER_PAGE = 100


def _require(user: Any, roles: frozenset[str]) -> None:
    if user.role not in roles:
        raise PermissionDenied


def _can_change(user: Any) -> bool:
    return bool(user.role in EMPLOYER_CHANGE_ROLES)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- employers -----------------------------------------------------------------------------


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, EMPLOYER_VIEW_ROLES)
    qs = employers_for_user(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(ubn=q)
    page = Paginator(qs.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": page,
            "query": _query(request),
            "q": q,
            "can_change": _can_change(request.user),
        },
    )


@login_required
def employer_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    user: Any = request.user
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            employer = services.register_employer(actor=user, office=user.office, **data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, f"已登錄雇主「{employer.name}」。")
            return redirect("employers:employer_detail", public_id=employer.public_id)
    return render(request, "employers/employer_form.html", {"form": form, "title": "登錄雇主"})


@login_required
def employer_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_VIEW_ROLES)
    employer = get_for_user_or_404(Employer, request.user, public_id)
    vacancies = (
        Vacancy.objects.for_user(request.user)
        .filter(employer=employer)
        .select_related("occupation", "township")
        .order_by("-opens_on", "-id")[:50]
    )
    can_change = _can_change(request.user)
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "vacancies": vacancies,
            "can_change": can_change,
            "dispute_form": DisputeForm(),
            "lift_form": LiftDisputeForm(),
        },
    )


@login_required
def employer_edit(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    employer = get_for_user_or_404(Employer, request.user, public_id, action="change")
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        expected = form.cleaned_data["version"]  # required when editing
        try:
            saved = services.update_employer(
                employer, actor=acting_user(request), expected_version=expected, **data
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            if saved.version == expected:
                messages.info(request, "雇主資料沒有變更。")
            else:
                messages.success(request, "已更新雇主資料。")
            return redirect("employers:employer_detail", public_id=employer.public_id)
    return render(
        request,
        "employers/employer_form.html",
        {"form": form, "title": f"修改雇主：{employer.name}", "employer": employer},
    )


@login_required
@require_POST
def employer_dispute(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Set (action=set) or lift (action=lift) the labour-dispute flag."""
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    employer = get_for_user_or_404(Employer, request.user, public_id, action="change")
    lifting = request.POST.get("action") == "lift"
    form: Any = LiftDisputeForm(request.POST) if lifting else DisputeForm(request.POST)
    if form.is_valid():
        try:
            if lifting:
                services.lift_labour_dispute(
                    employer, actor=acting_user(request), ended_on=form.cleaned_data["ended_on"]
                )
            else:
                services.set_labour_dispute(
                    employer,
                    actor=acting_user(request),
                    kind=form.cleaned_data["kind"],
                    started_on=form.cleaned_data["started_on"],
                    ended_on=form.cleaned_data["ended_on"],
                    note=form.cleaned_data["note"],
                )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已解除勞資爭議註記。" if lifting else "已登錄勞資爭議。")
    else:
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("employers:employer_detail", public_id=employer.public_id)


# --- vacancies -----------------------------------------------------------------------------


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, EMPLOYER_VIEW_ROLES)
    if wanted_format(request):
        return export_response(request, VACANCY_EXPORT)
    filtered = VacancyListFilter(request.user).run(
        request.GET, Vacancy.objects.for_user(request.user)
    )
    form = filtered.form
    sort = str(form.cleaned_data.get("sort") or "") if form.is_bound and filtered.ok else ""
    page = vacancy_page(filtered.queryset, sort or "newest", request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "employers/vacancy_list.html",
        {
            "form": form,
            "page": page,
            "query": _query(request),
            "can_change": _can_change(request.user),
        },
    )


@login_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    employers = Employer.objects.for_user(request.user, "change").order_by("name")
    initial = {}
    if request.GET.get("employer"):
        found = (
            employers.filter(public_id=request.GET["employer"]).first()
            if _is_uuid(request.GET["employer"])
            else None
        )
        initial = {"employer": found} if found else {}
    form = VacancyForm(request.POST or None, employers=employers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.create_vacancy(
                actor=acting_user(request),
                employer=form.cleaned_data["employer"],
                values=form.values(),
                suggest=True,
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, f"已建立職缺「{vacancy.title}」（草稿）。")
            return redirect("employers:vacancy_detail", public_id=vacancy.public_id)
    return render(request, "employers/vacancy_form.html", {"form": form, "title": "新增職缺"})


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
def vacancy_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_VIEW_ROLES)
    vacancy = get_for_user_or_404(Vacancy, request.user, public_id)
    findings = list(
        vacancy.findings.select_related("decided_by").order_by("status", "-severity", "id")
    )
    recommendable, reason = vacancy.is_recommendable()
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "employer": vacancy.employer,
            "findings": findings,
            "open_findings": [f for f in findings if FINDING.allows(f.status, "override")],
            # the buttons come from the tables the services check (jobdesk/employers/transitions.py)
            "overridable": {f.pk for f in findings if FINDING.allows(f.status, "override")},
            "allowed_actions": VACANCY.allowed_actions(vacancy.status),
            "recommendable": recommendable,
            "not_recommendable_reason": reason,
            "can_change": _can_change(request.user),
            "override_form": OverrideFindingForm(),
            "occupation_form": OccupationConfirmForm(initial={"occupation": vacancy.occupation_id}),
            "statuses": VacancyStatus.choices,
        },
    )


@login_required
def vacancy_edit(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    vacancy = get_for_user_or_404(Vacancy, request.user, public_id, action="change")
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"]  # required when editing
        try:
            saved = services.update_vacancy(
                vacancy, actor=acting_user(request), expected_version=expected, values=form.values()
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            if saved.version == expected:
                messages.info(request, "職缺內容沒有變更。")
            else:
                messages.success(request, "已更新職缺，並重新檢核職缺內容。")
            return redirect("employers:vacancy_detail", public_id=vacancy.public_id)
    return render(
        request,
        "employers/vacancy_form.html",
        {"form": form, "title": f"修改職缺：{vacancy.title}", "vacancy": vacancy},
    )


@login_required
@require_POST
def vacancy_status(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    vacancy = get_for_user_or_404(Vacancy, request.user, public_id, action="change")
    status = request.POST.get("status", "")
    try:
        services.change_vacancy_status(vacancy, actor=acting_user(request), status=status)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"職缺狀態已改為「{VacancyStatus(status).label}」。")
    return redirect("employers:vacancy_detail", public_id=vacancy.public_id)


@login_required
@require_POST
def vacancy_occupation(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    vacancy = get_for_user_or_404(Vacancy, request.user, public_id, action="change")
    form = OccupationConfirmForm(request.POST)
    if form.is_valid():
        services.confirm_occupation(
            vacancy, actor=acting_user(request), occupation=form.cleaned_data["occupation"]
        )
        messages.success(request, "已確認職業代碼。")
    else:
        messages.error(request, "請選擇4位數的職業細類代碼。")
    return redirect("employers:vacancy_detail", public_id=vacancy.public_id)


@login_required
@require_POST
def finding_override(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    finding = get_for_user_or_404(VacancyFinding, request.user, public_id, action="change")
    form = OverrideFindingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("請填寫認定無違法的理由。")
        services.override_finding(
            finding, actor=acting_user(request), reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已記錄認定理由。")
    return redirect("employers:vacancy_detail", public_id=finding.vacancy.public_id)


# --- import --------------------------------------------------------------------------------


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    user: Any = request.user
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.imports.MAX_IMPORT_BYTES:
            form.add_error("file", "檔案超過 20 MB，請分批匯入。")
        else:
            batch = services.stage_import(
                upload.name, upload.read(), actor=user, office=user.office
            )
            return redirect("employers:import_preview", public_id=batch.public_id)
    recent = ImportBatch.objects.for_user(user).select_related("created_by")[:10]
    return render(request, "employers/import_upload.html", {"form": form, "recent": recent})


@login_required
def import_preview(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    batch = get_for_user_or_404(ImportBatch, request.user, public_id, action="change")
    result = services.staged_preview(batch)
    page = Paginator((result or {}).get("rows", []), PREVIEW_ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "employers/import_preview.html",
        {"batch": batch, "result": result, "page": page, "query": ""},
    )


@login_required
@require_POST
def import_commit(request: HttpRequest, public_id: Any) -> HttpResponse:
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    batch = get_for_user_or_404(ImportBatch, request.user, public_id, action="change")
    if request.POST.get("action") == "discard":
        try:
            services.discard_import_batch(batch, actor=acting_user(request))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("employers:import_upload")
    try:
        result = services.commit_import_batch(batch, actor=acting_user(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("employers:import_preview", public_id=batch.public_id)
    if result.file_error or result.rejected:
        messages.error(request, "檔案中有錯誤的資料列，未匯入任何資料。請修正後重新上傳。")
        return redirect("employers:import_preview", public_id=batch.public_id)
    messages.success(request, f"匯入完成：新增 {result.created} 筆、更新 {result.updated} 筆。")
    return redirect("employers:vacancy_list")


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The Excel template of the product's import format (openpyxl)."""
    _require(request.user, EMPLOYER_CHANGE_ROLES)
    from jobdesk.employers.template import template_workbook

    buffer = io.BytesIO()
    template_workbook().save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="jobdesk-vacancy-template.xlsx"'
    return response


# --- labour-market information (T3.1) ------------------------------------------------------


@login_required
def labour_market(request: HttpRequest) -> HttpResponse:
    _require(request.user, STAFF_ROLES)
    form = MarketForm(request.GET or None)
    market = None
    if form.is_bound and form.is_valid():
        market = market_summary(
            occupation_prefixes=[form.cleaned_data["occupation"]]
            if form.cleaned_data["occupation"]
            else [],
            county=form.cleaned_data["county"] or None,
            township_ids=[t.pk for t in form.cleaned_data["townships"]] or None,
        )
    user: Any = request.user
    can_record = user.role in {Role.COUNSELLOR, Role.SUPERVISOR}
    return render(
        request,
        "employers/labour_market.html",
        {
            "form": form,
            "market": market,
            "given_form": _given_form(request) if can_record and market else None,
            "query": request.GET.urlencode(),
            "columns": TEMPLATE_COLUMNS,
        },
    )


@login_required
@require_POST
def labour_market_given(request: HttpRequest) -> HttpResponse:
    """Record in a case that this market information was given to the job seeker (P3.1.1)."""
    _require(request.user, frozenset({Role.COUNSELLOR, Role.SUPERVISOR}))
    from django.utils import timezone

    from jobdesk.cases.models import Case
    from jobdesk.cases.services import record_activity

    form = _given_form(request, request.POST)
    back = request.POST.get("back", "")
    target = f"{_market_url()}?{back}" if back else _market_url()
    if not form.is_valid():
        posted = request.POST.get("case", "")
        if posted and "case" in form.errors:
            get_for_user_or_404(Case, request.user, posted, action="change")  # 404 outside scope
        messages.error(
            request, "；".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect(target)
    case = form.cleaned_data["case"]
    summary = request.POST.get("summary", "")[:300]
    notes = f"提供勞動市場資訊：{summary}".strip()
    if form.cleaned_data["notes"]:
        notes += f"\n{form.cleaned_data['notes']}"
    try:
        record_activity(
            case,
            actor=acting_user(request),
            kind="interview",
            task_code="T3.1",
            indicator_codes=["P3.1.1"],
            occurred_at=timezone.now(),
            duration_minutes=15,
            notes=notes,
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已記錄於個案服務紀錄（P3.1.1）。")
    return redirect(target)


def _given_form(request: HttpRequest, data: Any = None) -> GivenInformationForm:
    from jobdesk.cases.selectors import picker_cases

    return GivenInformationForm(data, cases=picker_cases(request.user))


def _market_url() -> str:
    from django.urls import reverse

    return reverse("employers:labour_market")
