"""The recommendation list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from jobdesk.common.filters import ListFilter
from jobdesk.matching.forms import RecommendationFilterForm
from jobdesk.matching.models import Recommendation
from jobdesk.matching.selectors import filter_recommendations


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
