"""/api/v1/employers/ and /api/v1/vacancies/: CRUD through jobdesk.employers.services, the
vacancy list filtered by the UI's own filter form, JobPosting JSON-LD and 台灣就業通 fields."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import EMPLOYER_CHANGE_ROLES, EMPLOYER_VIEW_ROLES
from jobdesk.api import interop
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import expected_version, with_etag
from jobdesk.api.serializers.employers import (
    EmployerIn,
    EmployerOut,
    EmployerUpdateIn,
    TaiwanJobsRowOut,
    VacancyCreateIn,
    VacancyDetailOut,
    VacancyOut,
    VacancyStatusIn,
    VacancyUpdateIn,
)
from jobdesk.api.views.base import ApiView, form_parameters, run_filter
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.employers import services
from jobdesk.employers.filters import VacancyListFilter
from jobdesk.employers.forms import VacancyFilterForm
from jobdesk.employers.models import Employer, Vacancy
from jobdesk.employers.selectors import employers_for_user


class _EmployerArea(ApiView):
    area = "employers"
    read_roles = EMPLOYER_VIEW_ROLES
    write_roles = EMPLOYER_CHANGE_ROLES


class EmployerList(_EmployerArea):
    serializer_class = EmployerOut
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        summary="雇主清單",
        parameters=[OpenApiParameter("q", str, description="雇主名稱（部分）或統一編號")],
        responses=EmployerOut(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = employers_for_user(request.user).select_related("office")
        q = request.query_params.get("q", "").strip()[:200]
        if q:  # the employer list's search (employers.views.employer_list)
            qs = qs.filter(name__icontains=q) | qs.filter(ubn=q)
        return listing(self, qs, EmployerOut, what="雇主清單（API）", name="employers")

    @extend_schema(summary="登錄雇主", request=EmployerIn, responses={201: EmployerOut})
    def post(self, request: Request) -> Response:
        body = EmployerIn(data=request.data)
        body.is_valid(raise_exception=True)
        user: Any = request.user
        employer = services.register_employer(actor=user, office=user.office, **body.validated_data)
        return with_etag(
            Response(EmployerOut(employer).data, status=status.HTTP_201_CREATED), employer
        )


class EmployerDetail(_EmployerArea):
    serializer_class = EmployerOut

    @extend_schema(summary="雇主資料", responses=EmployerOut)
    def get(self, request: Request, public_id: str) -> Response:
        employer = self.scoped(Employer, public_id)
        return with_etag(Response(EmployerOut(employer).data), employer)

    @extend_schema(
        summary="修改雇主資料（需 If-Match 或 version）",
        request=EmployerUpdateIn,
        responses=EmployerOut,
    )
    def patch(self, request: Request, public_id: str) -> Response:
        employer = self.scoped(Employer, public_id, "change")
        body = EmployerUpdateIn(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changes = {k: v for k, v in body.validated_data.items() if k != "version"}
        saved = services.update_employer(
            employer,
            actor=acting_user(request),
            expected_version=expected_version(request, employer),
            **changes,
        )
        return with_etag(Response(EmployerOut(saved).data), saved)


def _vacancies(request: Request) -> Any:
    """The vacancy list of the UI (employers.views.vacancy_list): the same form, the same
    selector, so a filter means the same thing on the screen and in the API."""
    filtered = run_filter(VacancyListFilter, request, Vacancy.objects.for_user(request.user))
    return filtered.queryset.select_related(
        "employer", "occupation", "township", "education", "office"
    )


class VacancyList(_EmployerArea):
    serializer_class = VacancyOut
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        summary="職缺清單（與畫面相同的篩選條件）",
        parameters=[p for p in form_parameters(VacancyFilterForm) if p.name != "sort"],
        responses=VacancyOut(many=True),
    )
    def get(self, request: Request) -> Response:
        return listing(
            self, _vacancies(request), VacancyOut, what="職缺清單（API）", name="vacancies"
        )

    @extend_schema(
        summary="新增職缺（草稿）", request=VacancyCreateIn, responses={201: VacancyDetailOut}
    )
    def post(self, request: Request) -> Response:
        body = VacancyCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            employer = get_for_user_or_404(
                Employer, request.user, body.validated_data["employer"], "change"
            )
        except Http404 as exc:
            raise ValidationError({"employer": "找不到這個雇主，或不在您的據點範圍內。"}) from exc
        vacancy = services.create_vacancy(
            actor=acting_user(request), employer=employer, values=body.values(), suggest=True
        )
        return with_etag(
            Response(VacancyDetailOut(vacancy).data, status=status.HTTP_201_CREATED), vacancy
        )


class VacancyDetail(_EmployerArea):
    serializer_class = VacancyDetailOut

    @extend_schema(summary="職缺內容（含就業服務法第5條檢核結果）", responses=VacancyDetailOut)
    def get(self, request: Request, public_id: str) -> Response:
        vacancy = self.scoped(Vacancy, public_id)
        return with_etag(Response(VacancyDetailOut(vacancy).data), vacancy)

    @extend_schema(
        summary="修改職缺（需 If-Match 或 version；修改後重新檢核）",
        request=VacancyUpdateIn,
        responses=VacancyDetailOut,
    )
    def patch(self, request: Request, public_id: str) -> Response:
        vacancy = self.scoped(Vacancy, public_id, "change")
        body = VacancyUpdateIn(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        saved = services.update_vacancy(
            vacancy,
            actor=acting_user(request),
            expected_version=expected_version(request, vacancy),
            values=body.values(),
        )
        return with_etag(Response(VacancyDetailOut(saved).data), saved)


class VacancyStatusChange(_EmployerArea):
    serializer_class = VacancyOut

    @extend_schema(
        summary="開放、補足、關閉或退回草稿（需 If-Match 或 version）",
        request=VacancyStatusIn,
        responses=VacancyOut,
    )
    def post(self, request: Request, public_id: str) -> Response:
        vacancy = self.scoped(Vacancy, public_id, "change")
        body = VacancyStatusIn(data=request.data)
        body.is_valid(raise_exception=True)
        expected_version(request, vacancy)
        saved = services.change_vacancy_status(
            vacancy, actor=acting_user(request), status=body.validated_data["status"]
        )
        return with_etag(Response(VacancyOut(saved).data), saved)


_JSONLD = OpenApiResponse(OpenApiTypes.OBJECT, description="schema.org JobPosting（JSON-LD）")


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class VacancyJobPosting(_EmployerArea):
    serializer_class = VacancyOut
    renderer_classes = [JsonLdRenderer, JSONRenderer]

    @extend_schema(summary="職缺：schema.org JobPosting（JSON-LD）", responses={200: _JSONLD})
    def get(self, request: Request, public_id: str) -> Response:
        vacancy = self.scoped(Vacancy, public_id)
        return Response(interop.job_posting(vacancy))


class VacancyTaiwanJobs(_EmployerArea):
    serializer_class = VacancyOut

    @extend_schema(summary="職缺：台灣就業通開放資料欄位", responses=TaiwanJobsRowOut)
    def get(self, request: Request, public_id: str) -> Response:
        return Response(interop.taiwanjobs_row(self.scoped(Vacancy, public_id)))


class VacancyTaiwanJobsList(_EmployerArea):
    serializer_class = VacancyOut

    @extend_schema(
        summary="職缺清單：台灣就業通開放資料欄位（與畫面相同的篩選條件）",
        parameters=[p for p in form_parameters(VacancyFilterForm) if p.name != "sort"],
        responses=TaiwanJobsRowOut(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = self.paginate_queryset(_vacancies(request))
        return self.get_paginated_response([interop.taiwanjobs_row(v) for v in rows or []])
