"""The filters of the job-seeker list and the case list: one definition for the screen
(cases.views), the API (api.views) and the exports (jobdesk.common.filters)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet

from jobdesk.cases.forms import SeekerSearchForm
from jobdesk.cases.models import Case, CaseStatus, JobSeeker
from jobdesk.cases.search import search_seekers
from jobdesk.cases.services.seekers import national_id_hash
from jobdesk.common.filters import ListFilter
from jobdesk.domain.identifiers import check_personal_id


class SeekerFilter(ListFilter[JobSeeker]):
    """``q``: a full national ID (exact, by its lookup hash), a phone tail, or parts of a name."""

    form_class = SeekerSearchForm

    def apply(self, queryset: QuerySet[JobSeeker], data: Mapping[str, Any]) -> QuerySet[JobSeeker]:
        q = str(data.get("q") or "").strip()
        if not q:
            return queryset
        check = check_personal_id(q)
        if check.ok:
            return queryset.filter(national_id_hash=national_id_hash(check.value))
        return search_seekers(queryset, q)

    @staticmethod
    def is_search(data: Mapping[str, Any]) -> bool:
        """A search reads personal data: each seeker shown is logged as a search, not a view."""
        return bool(str(data.get("q") or "").strip())


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="狀態",
        required=False,
        choices=[("", "全部"), *CaseStatus.choices],
        error_messages={"invalid_choice": "個案狀態不正確。"},
    )
    mine = forms.BooleanField(label="只看我的個案", required=False)


class CaseFilter(ListFilter[Case]):
    form_class = CaseFilterForm

    def apply(self, queryset: QuerySet[Case], data: Mapping[str, Any]) -> QuerySet[Case]:
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("mine"):
            queryset = queryset.filter(counsellor_id=self.user.pk)
        return queryset
