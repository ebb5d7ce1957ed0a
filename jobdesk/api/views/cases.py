"""/api/v1/cases/: cases with their main records; closure, decision and reopening."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES, Role
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import expected_version, with_etag
from jobdesk.api.serializers.cases import (
    CaseDetailOut,
    CaseOut,
    ClosureDecisionIn,
    ClosureRequestIn,
    ReopenIn,
)
from jobdesk.api.views.base import (
    REASON_PARAMETER,
    ApiView,
    form_parameters,
    log_seeker_read,
    run_filter,
)
from jobdesk.cases import services
from jobdesk.cases.filters import CaseFilter
from jobdesk.cases.models import Case, ClosureStatus
from jobdesk.cases.selectors import cases_for


class CaseList(ApiView):
    renderer_classes = LIST_RENDERERS
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = CaseOut

    @extend_schema(
        summary="個案清單",
        parameters=form_parameters(CaseFilter.form_class),
        responses=CaseOut(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = run_filter(CaseFilter, request, cases_for(request.user)).queryset
        return listing(
            self,
            qs,
            CaseOut,
            what="個案清單（API）",
            seekers=lambda rows: [c.seeker for c in rows],
            name="cases",
        )


def _case(view: ApiView, public_id: str, action: str = "view") -> Case:
    return view.scoped(Case, public_id, action)


class CaseDetail(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = CaseDetailOut

    @extend_schema(summary="個案與主要紀錄", parameters=[REASON_PARAMETER], responses=CaseDetailOut)
    def get(self, request: Request, public_id: str) -> Response:
        case = _case(self, public_id)
        log_seeker_read(request, case.seeker, what="個案紀錄（API）")
        return with_etag(Response(CaseDetailOut(case).data), case)


class CaseClosureRequest(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = CaseOut

    @extend_schema(
        summary="申請結案（O3.4.1，需 If-Match 或 version）",
        request=ClosureRequestIn,
        responses=CaseOut,
    )
    def post(self, request: Request, public_id: str) -> Response:
        case = _case(self, public_id, "change")
        body = ClosureRequestIn(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        services.request_closure(
            case,
            actor=acting_user(request),
            reason=d["reason"],
            outcome=d["outcome"],
            improvement_strategy=d["improvement_strategy"],
            expected_version=expected_version(request, case),
        )
        case.refresh_from_db()
        return with_etag(Response(CaseOut(case).data), case)


class CaseClosureDecision(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = frozenset({Role.SUPERVISOR})
    serializer_class = CaseOut

    @extend_schema(summary="督導核定或退回結案申請", request=ClosureDecisionIn, responses=CaseOut)
    def post(self, request: Request, public_id: str) -> Response:
        case = _case(self, public_id, "change")
        body = ClosureDecisionIn(data=request.data)
        body.is_valid(raise_exception=True)
        closure = case.closures.filter(status=ClosureStatus.PENDING).first()
        if closure is None:
            raise ValidationError("此個案沒有待核定的結案申請。")
        comment: str = body.validated_data["comment"]
        if body.validated_data["decision"] == "reject":
            services.reject_closure(closure, actor=acting_user(request), comment=comment)
        else:
            services.approve_closure(closure, actor=acting_user(request), comment=comment)
        case.refresh_from_db()
        return with_etag(Response(CaseOut(case).data), case)


class CaseReopen(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = CaseOut

    @extend_schema(
        summary="重新開案（需 If-Match 或 version）", request=ReopenIn, responses=CaseOut
    )
    def post(self, request: Request, public_id: str) -> Response:
        case: Any = _case(self, public_id, "change")
        body = ReopenIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.reopen_case(
            case,
            actor=acting_user(request),
            reason=body.validated_data["reason"],
            expected_version=expected_version(request, case),
        )
        case.refresh_from_db()
        return with_etag(Response(CaseOut(case).data), case)
