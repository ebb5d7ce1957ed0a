"""/api/v1/seekers/: registration (求職登記), its changes, 開案, and DSRs opened for a seeker."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import expected_version, with_etag
from jobdesk.api.serializers.cases import CaseOpenIn, CaseOut
from jobdesk.api.serializers.privacy import DataRequestIn, DataRequestOut
from jobdesk.api.serializers.seekers import SeekerCreateIn, SeekerOut, SeekerUpdateIn
from jobdesk.api.views.base import (
    REASON_PARAMETER,
    ApiView,
    filter_data,
    form_parameters,
    log_seeker_read,
    run_filter,
)
from jobdesk.cases import services
from jobdesk.cases.filters import SeekerFilter
from jobdesk.cases.models import JobSeeker
from jobdesk.cases.selectors import seekers_for
from jobdesk.privacy import services as privacy_services


class SeekerList(ApiView):
    renderer_classes = LIST_RENDERERS
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = SeekerOut

    @extend_schema(
        summary="求職者清單與查詢",
        parameters=form_parameters(SeekerFilter.form_class),
        responses=SeekerOut(many=True),
    )
    def get(self, request: Request) -> Response:
        filtered = run_filter(SeekerFilter, request, seekers_for(request.user))
        q = SeekerFilter.is_search(filter_data(filtered))
        qs = filtered.queryset.prefetch_related(
            "desired_occupations", "desired_townships", "target_groups"
        )
        # a search reads personal data: each seeker shown is logged as a search
        return listing(
            self,
            qs,
            SeekerOut,
            what="求職者查詢結果（API）" if q else "求職者清單（API）",
            seekers=lambda rows: rows,
            name="seekers",
            page_action="search" if q else "view",
        )

    @extend_schema(summary="求職登記", request=SeekerCreateIn, responses={201: SeekerOut})
    def post(self, request: Request) -> Response:
        body = SeekerCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        user: Any = request.user
        seeker = services.register_seeker(
            actor=user,
            office=user.office,
            national_id=body.validated_data["national_id"],
            data=body.for_service(),
            notice_method=body.validated_data["notice_method"],
        )
        log_seeker_read(request, seeker, what="求職登記（API 建立）", gate=False)
        return with_etag(Response(SeekerOut(seeker).data, status=status.HTTP_201_CREATED), seeker)


class SeekerDetail(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = SeekerOut

    @extend_schema(summary="求職者資料", parameters=[REASON_PARAMETER], responses=SeekerOut)
    def get(self, request: Request, public_id: str) -> Response:
        seeker = self.scoped(JobSeeker, public_id)
        log_seeker_read(request, seeker, what="求職登記資料（API）")
        return with_etag(Response(SeekerOut(seeker).data), seeker)

    @extend_schema(
        summary="修改求職登記（需 If-Match 或 version）",
        parameters=[REASON_PARAMETER],
        request=SeekerUpdateIn,
        responses=SeekerOut,
    )
    def patch(self, request: Request, public_id: str) -> Response:
        seeker = self.scoped(JobSeeker, public_id, "change")
        body = SeekerUpdateIn(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        version = expected_version(request, seeker)
        services.update_seeker(
            seeker, actor=acting_user(request), expected_version=version, data=body.for_service()
        )
        seeker.refresh_from_db()
        log_seeker_read(request, seeker, what="求職登記資料（API 修改）", gate=False)
        return with_etag(Response(SeekerOut(seeker).data), seeker)


class SeekerCases(ApiView):
    area = "cases"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = CaseOut

    @extend_schema(summary="開案", request=CaseOpenIn, responses={201: CaseOut})
    def post(self, request: Request, public_id: str) -> Response:
        seeker = self.scoped(JobSeeker, public_id, "change")
        case = services.open_case(seeker, actor=acting_user(request))
        return with_etag(Response(CaseOut(case).data, status=status.HTTP_201_CREATED), case)


class SeekerDataRequests(ApiView):
    area = "privacy"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_VIEW_ROLES
    serializer_class = DataRequestOut

    @extend_schema(
        summary="受理當事人權利請求（個資法第3條）",
        request=DataRequestIn,
        responses={201: DataRequestOut},
    )
    def post(self, request: Request, public_id: str) -> Response:
        seeker = self.scoped(JobSeeker, public_id, "change")
        body = DataRequestIn(data=request.data)
        body.is_valid(raise_exception=True)
        created = privacy_services.open_request(
            seeker, actor=acting_user(request), **body.validated_data
        )
        return with_etag(
            Response(DataRequestOut(created).data, status=status.HTTP_201_CREATED), created
        )
