"""/api/v1/data-requests/: data-subject requests (PDPA Art. 3), read; opened per seeker."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_VIEW_ROLES
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import with_etag
from jobdesk.api.serializers.privacy import DataRequestOut
from jobdesk.api.views.base import ApiView
from jobdesk.audit.services import record_access
from jobdesk.privacy.models import DataSubjectRequest, RequestStatus


class _PrivacyArea(ApiView):
    area = "privacy"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_VIEW_ROLES
    serializer_class = DataRequestOut


class DataRequestList(_PrivacyArea):
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        summary="當事人權利請求清單",
        parameters=[OpenApiParameter("status", str, enum=RequestStatus.values)],
        responses=DataRequestOut(many=True),
    )
    def get(self, request: Request) -> Response:
        user: Any = request.user
        qs = DataSubjectRequest.objects.for_user(user).select_related("office", "seeker")
        wanted = request.query_params.get("status", "")
        if wanted in RequestStatus.values:
            qs = qs.filter(status=wanted)
        return listing(
            self, qs, DataRequestOut, what="當事人權利請求清單（API）", name="data-requests"
        )


class DataRequestDetail(_PrivacyArea):
    @extend_schema(summary="當事人權利請求", responses=DataRequestOut)
    def get(self, request: Request, public_id: str) -> Response:
        found = self.scoped(DataSubjectRequest, public_id)
        if found.seeker is not None:
            record_access(
                actor=acting_user(request), subject=found.seeker, what="當事人權利請求（API）"
            )
        return with_etag(Response(DataRequestOut(found).data), found)
