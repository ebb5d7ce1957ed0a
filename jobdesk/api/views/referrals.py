"""/api/v1/referrals/: referrals (轉介) and their status; follow-up and outcome."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.accounts.roles import CASE_CHANGE_ROLES, CASE_VIEW_ROLES
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import with_etag
from jobdesk.api.serializers.referrals import FollowUpIn, OutcomeIn, ReferralOut
from jobdesk.api.views.base import (
    REASON_PARAMETER,
    ApiView,
    form_parameters,
    log_seeker_read,
    run_filter,
)
from jobdesk.referrals import services
from jobdesk.referrals.filters import ReferralFilter
from jobdesk.referrals.models import Referral
from jobdesk.referrals.selectors import referrals_for


class _ReferralArea(ApiView):
    area = "referrals"
    read_roles = CASE_VIEW_ROLES
    write_roles = CASE_CHANGE_ROLES
    serializer_class = ReferralOut


class ReferralList(_ReferralArea):
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        summary="轉介清單（與畫面相同的篩選條件）",
        parameters=form_parameters(ReferralFilter.form_class),
        responses=ReferralOut(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = run_filter(ReferralFilter, request, referrals_for(request.user)).queryset
        qs = qs.select_related("office")
        return listing(
            self,
            qs,
            ReferralOut,
            what="轉介清單（API）",
            seekers=lambda rows: [r.case.seeker for r in rows],
            name="referrals",
        )


def _referral(view: ApiView, public_id: str, action: str = "view") -> Referral:
    found = view.scoped(Referral, public_id, action)
    return Referral.objects.select_related("case__seeker", "resource", "counsellor", "office").get(
        pk=found.pk
    )


class ReferralDetail(_ReferralArea):
    @extend_schema(summary="轉介紀錄與狀態", parameters=[REASON_PARAMETER], responses=ReferralOut)
    def get(self, request: Request, public_id: str) -> Response:
        referral = _referral(self, public_id)
        log_seeker_read(request, referral.case.seeker, what="轉介紀錄（API）")
        return with_etag(Response(ReferralOut(referral).data), referral)


class ReferralFollowUp(_ReferralArea):
    @extend_schema(summary="轉介追蹤（P3.3.3）", request=FollowUpIn, responses=ReferralOut)
    def post(self, request: Request, public_id: str) -> Response:
        referral = _referral(self, public_id, "change")
        body = FollowUpIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.record_follow_up(referral, actor=acting_user(request), **body.validated_data)
        fresh = _referral(self, public_id)
        return with_etag(Response(ReferralOut(fresh).data), fresh)


class ReferralOutcome(_ReferralArea):
    @extend_schema(summary="登錄轉介結果（P3.3.3）", request=OutcomeIn, responses=ReferralOut)
    def post(self, request: Request, public_id: str) -> Response:
        referral = _referral(self, public_id, "change")
        body = OutcomeIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.record_outcome(referral, actor=acting_user(request), **body.validated_data)
        fresh = _referral(self, public_id)
        return with_etag(Response(ReferralOut(fresh).data), fresh)
