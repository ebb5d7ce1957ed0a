"""Matching both ways with every factor's reason, recommendations (推介) and the employer's
reply — through jobdesk.matching's selectors and services, as the screens use them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from jobdesk.accounts.current import acting_user
from jobdesk.api.exports import LIST_RENDERERS, listing
from jobdesk.api.locking import expected_version, with_etag
from jobdesk.api.serializers.matching import (
    RecommendationOut,
    RecommendIn,
    ReplyIn,
    SeekerMatchesOut,
    StartIn,
    VacancyMatchesOut,
    WithdrawIn,
)
from jobdesk.api.views.base import (
    ApiView,
    bound_form,
    form_parameters,
    log_seeker_read,
    run_filter,
)
from jobdesk.audit.models import AccessAction
from jobdesk.audit.services import record_access, record_accesses
from jobdesk.cases.models import JobSeeker
from jobdesk.common.scoping import get_for_user_or_404
from jobdesk.employers.models import Vacancy
from jobdesk.matching import selectors, services
from jobdesk.matching.filters import RecommendationFilter
from jobdesk.matching.forms import (
    SeekerMatchFilterForm,
    VacancyMatchFilterForm,
)
from jobdesk.matching.models import CASEWORK_ROLES, RECOMMENDATION_ROLES, Recommendation
from jobdesk.matching.views import TOP_K, masked_name


def _contributions(items: Any) -> list[dict[str, Any]]:
    return [{"factor": c.factor, "label": c.label, "points": c.points} for c in items]


class SeekerMatches(ApiView):
    area = "matching"
    read_roles = CASEWORK_ROLES
    write_roles = CASEWORK_ROLES
    serializer_class = VacancyMatchesOut

    @extend_schema(
        summary="媒合職缺：求職者的前 20 個職缺與每項因素的理由",
        parameters=form_parameters(VacancyMatchFilterForm),
        responses=VacancyMatchesOut,
    )
    def get(self, request: Request, public_id: str) -> Response:
        from jobdesk.api.serializers.employers import VacancyOut

        seeker = self.scoped(JobSeeker, public_id)
        form: Any = bound_form(VacancyMatchFilterForm, request)
        matches = selectors.match_vacancies(request.user, seeker, TOP_K, form.filters())
        record_access(
            actor=acting_user(request),
            subject=seeker,
            action=AccessAction.SEARCH,
            what="媒合職缺（API）",
        )
        results = [
            {
                "vacancy": VacancyOut(m.vacancy).data,
                "score": m.score,
                "contributions": _contributions(m.contributions),
            }
            for m in matches
        ]
        return Response({"results": results})


class VacancyMatches(ApiView):
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = CASEWORK_ROLES
    serializer_class = SeekerMatchesOut

    @extend_schema(
        summary="媒合求職者：職缺的前 20 位求職者與每項因素的理由",
        parameters=form_parameters(SeekerMatchFilterForm),
        responses=SeekerMatchesOut,
    )
    def get(self, request: Request, public_id: str) -> Response:
        user: Any = request.user
        vacancy = self.scoped(Vacancy, public_id)
        form: Any = bound_form(SeekerMatchFilterForm, request)
        ok, reason = vacancy.is_recommendable()
        matches = selectors.match_seekers(user, vacancy, TOP_K, form.filters()) if ok else []
        record_accesses(
            actor=user,
            subjects=((m.seeker, None) for m in matches),
            action=AccessAction.SEARCH,
            what=f"媒合求職者（API）：{vacancy.title}"[:200],
        )
        full_names = user.role in CASEWORK_ROLES
        results = [
            {
                "seeker": {
                    "id": m.seeker.public_id,
                    "name": m.seeker.name if full_names else masked_name(m.seeker.name),
                    "township": m.seeker.township.full_name if m.seeker.township else None,
                },
                "score": m.score,
                "contributions": _contributions(m.contributions),
            }
            for m in matches
        ]
        return Response({"recommendable": ok, "reason": reason, "results": results})


def _rec(view: ApiView, public_id: str, action: str = "view") -> Recommendation:
    rec = view.scoped(Recommendation, public_id, action)
    return (
        Recommendation.objects.select_related(
            "seeker", "vacancy", "vacancy__employer", "counsellor", "office", "case"
        )
        .filter(pk=rec.pk)
        .get()
    )


class RecommendationList(ApiView):
    renderer_classes = LIST_RENDERERS
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = CASEWORK_ROLES
    serializer_class = RecommendationOut

    @extend_schema(
        summary="推介清單（與畫面相同的篩選條件）",
        parameters=form_parameters(RecommendationFilter.form_class),
        responses=RecommendationOut(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = run_filter(
            RecommendationFilter, request, selectors.recommendations_for(request.user)
        ).queryset
        return listing(
            self,
            qs,
            RecommendationOut,
            what="推介清單（API）",
            seekers=lambda rows: [r.seeker for r in rows],
            name="recommendations",
        )

    @extend_schema(
        summary="推介（須經求職者同意；媒合理由隨推介保存）",
        request=RecommendIn,
        responses={201: RecommendationOut},
    )
    def post(self, request: Request) -> Response:
        body = RecommendIn(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        user: Any = request.user
        try:
            seeker = get_for_user_or_404(JobSeeker, user, d["seeker"], "change")
        except Http404 as exc:
            raise ValidationError({"seeker": "找不到這位求職者，或不在您的據點範圍內。"}) from exc
        try:
            vacancy = get_for_user_or_404(Vacancy, user, d["vacancy"])
        except Http404 as exc:
            raise ValidationError({"vacancy": "找不到這個職缺，或不在您的據點範圍內。"}) from exc
        ok, _ = vacancy.is_recommendable()
        pair = selectors.explain_pair(seeker, vacancy) if ok else None
        rec = services.recommend(
            actor=user,
            seeker=seeker,
            vacancy=vacancy,
            consent=d["consent"],
            note=d["note"],
            score=pair[0] if pair else None,
            explanation=pair[1] if pair else None,
        )
        log_seeker_read(request, seeker, what=f"推介（API）：{vacancy.title}"[:200], gate=False)
        return with_etag(
            Response(RecommendationOut(_rec(self, str(rec.public_id))).data, status=201), rec
        )


class RecommendationDetail(ApiView):
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = RECOMMENDATION_ROLES
    serializer_class = RecommendationOut

    @extend_schema(summary="推介紀錄", responses=RecommendationOut)
    def get(self, request: Request, public_id: str) -> Response:
        rec = _rec(self, public_id)
        record_access(
            actor=acting_user(request),
            subject=rec.seeker,
            office=rec.office,
            what="推介紀錄（API）",
        )
        return with_etag(Response(RecommendationOut(rec).data), rec)


def _answer(view: ApiView, rec: Recommendation) -> Response:
    fresh = _rec(view, str(rec.public_id))
    return with_etag(Response(RecommendationOut(fresh).data), fresh)


class RecommendationReply(ApiView):
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = RECOMMENDATION_ROLES
    serializer_class = RecommendationOut

    @extend_schema(
        summary="登錄雇主回覆：面試、錄取或未錄取（需 If-Match 或 version）",
        request=ReplyIn,
        responses=RecommendationOut,
    )
    def post(self, request: Request, public_id: str) -> Response:
        rec = _rec(self, public_id, "change")
        body = ReplyIn(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        services.record_reply(
            rec,
            actor=acting_user(request),
            expected_version=expected_version(request, rec),
            outcome=d["outcome"],
            reason=d["reason"],
            note=d["note"],
            interview_on=d["interview_on"],
        )
        return _answer(self, rec)


class RecommendationStart(ApiView):
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = CASEWORK_ROLES
    serializer_class = RecommendationOut

    @extend_schema(
        summary="登錄報到（個案進入就業追蹤；需 If-Match 或 version）",
        request=StartIn,
        responses=RecommendationOut,
    )
    def post(self, request: Request, public_id: str) -> Response:
        rec = _rec(self, public_id, "change")
        body = StartIn(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        services.record_start(
            rec,
            actor=acting_user(request),
            expected_version=expected_version(request, rec),
            start_date=d["start_date"],
            pay=d["pay"],
            pay_basis=d["pay_basis"],
        )
        return _answer(self, rec)


class RecommendationWithdraw(ApiView):
    area = "matching"
    read_roles = RECOMMENDATION_ROLES
    write_roles = CASEWORK_ROLES
    serializer_class = RecommendationOut

    @extend_schema(
        summary="撤回推介（需 If-Match 或 version）",
        request=WithdrawIn,
        responses=RecommendationOut,
    )
    def post(self, request: Request, public_id: str) -> Response:
        rec = _rec(self, public_id, "change")
        body = WithdrawIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.withdraw(
            rec,
            actor=acting_user(request),
            expected_version=expected_version(request, rec),
            note=body.validated_data["note"],
        )
        return _answer(self, rec)
