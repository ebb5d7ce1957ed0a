"""The recommendation list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from jobdesk.common.exports import Column, ListExport, register
from jobdesk.common.filters import ListFilter
from jobdesk.matching.forms import RecommendationFilterForm
from jobdesk.matching.models import RECOMMENDATION_ROLES, Recommendation
from jobdesk.matching.selectors import filter_recommendations, recommendations_for


class RecommendationFilter(ListFilter[Recommendation]):
    form_class = RecommendationFilterForm

    def apply(
        self, queryset: QuerySet[Recommendation], data: Mapping[str, Any]
    ) -> QuerySet[Recommendation]:
        return filter_recommendations(
            queryset,
            status=data.get("status", ""),
            q=str(data.get("q") or "").strip(),
            mine=bool(data.get("mine")),
            user=self.user,
        )


RECOMMENDATION_EXPORT = register(
    ListExport(
        key="recommendations",
        title="推介清單",
        filter=RecommendationFilter,
        rows=recommendations_for,
        columns=(
            Column("推介識別碼", lambda r: str(r.public_id)),
            Column("求職者", lambda r: r.seeker.name),
            Column("職缺", lambda r: r.vacancy.title),
            Column("雇主", lambda r: r.vacancy.employer.name),
            Column("狀態", lambda r: r.get_status_display()),
            Column("媒合分數", lambda r: round(r.score, 1) if r.score is not None else ""),
            Column("推介人員", lambda r: str(r.counsellor) if r.counsellor else ""),
            Column("據點", lambda r: r.office.name),
            Column("推介時間", lambda r: r.created_at),
        ),
        roles=RECOMMENDATION_ROLES,
        seeker=lambda r: r.seeker,
    )
)
