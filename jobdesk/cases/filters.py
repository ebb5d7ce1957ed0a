"""The filters of the job-seeker list and the case list: one definition for the screen
(cases.views), the API (api.views) and the exports (jobdesk.common.filters), with what each
list's export holds (jobdesk.common.exports; national IDs masked, never decrypted)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet

from jobdesk.cases.forms import CaseloadFilterForm, SeekerSearchForm
from jobdesk.cases.models import Case, CaseStatus, JobSeeker
from jobdesk.cases.search import search_seekers
from jobdesk.cases.selectors import CASELOAD_ORDER, counsellors_for, narrow_caseload
from jobdesk.cases.services.seekers import national_id_hash
from jobdesk.common.exports import Column, ListExport, register
from jobdesk.common.filters import ListFilter
from jobdesk.common.roles import CASE_VIEW_ROLES, Role
from jobdesk.domain.identifiers import check_personal_id, mask_personal_id


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

    def shown(self, name: str, value: str) -> str:
        if name == "q" and check_personal_id(value.strip()).ok:
            return mask_personal_id(check_personal_id(value.strip()).value)
        return value

    @staticmethod
    def is_search(data: Mapping[str, Any]) -> bool:
        """A search reads personal data: each seeker shown is logged as a search, not a view."""
        return bool(str(data.get("q") or "").strip())


class CaseloadFilter(ListFilter[Case]):
    """The caseload: a counsellor's own open cases, a supervisor's office's (one counsellor's
    when chosen), by status and what is due."""

    form_class = CaseloadFilterForm

    def form_kwargs(self) -> dict[str, Any]:
        is_supervisor = self.user.role == Role.SUPERVISOR
        return {"counsellors": counsellors_for(self.user) if is_supervisor else None}

    def apply(self, queryset: QuerySet[Case], data: Mapping[str, Any]) -> QuerySet[Case]:
        return narrow_caseload(
            queryset,
            self.user,
            counsellor=data.get("counsellor"),
            status=data.get("status") or "",
            due=data.get("due") or "",
        )


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


SEEKER_EXPORT = register(
    ListExport(
        key="seekers",
        title="求職者清單",
        filter=SeekerFilter,
        rows=lambda user: JobSeeker.objects.for_user(user).select_related("township", "office"),
        columns=(
            Column("求職者識別碼", lambda s: str(s.public_id)),
            Column("姓名", lambda s: s.name),
            Column("身分證號（遮蔽）", lambda s: s.national_id_masked),
            Column("居住地", lambda s: s.township.full_name if s.township else ""),
            Column("據點", lambda s: s.office.name),
            Column("登記時間", lambda s: s.created_at),
        ),
        roles=CASE_VIEW_ROLES,
        seeker=lambda s: s,
    )
)

CASE_EXPORT = register(
    ListExport(
        key="cases",
        title="個案清單",
        filter=CaseFilter,
        rows=lambda user: Case.objects.for_user(user).select_related(
            "seeker", "counsellor", "office"
        ),
        columns=(
            Column("個案識別碼", lambda c: str(c.public_id)),
            Column("求職者", lambda c: c.seeker.name),
            Column("身分證號（遮蔽）", lambda c: c.seeker.national_id_masked),
            Column("狀態", lambda c: c.get_status_display()),
            Column("個案管理員", lambda c: str(c.counsellor) if c.counsellor else ""),
            Column("據點", lambda c: c.office.name),
            Column("開案時間", lambda c: c.opened_at),
            Column("下次定期評估", lambda c: c.next_review_on if c.status != "closed" else ""),
        ),
        roles=CASE_VIEW_ROLES,
        seeker=lambda c: c.seeker,
        order=("-opened_at", "-pk"),
    )
)

CASELOAD_EXPORT = register(
    ListExport(
        key="caseload",
        title="個案負荷清單",
        filter=CaseloadFilter,
        rows=lambda user: Case.objects.for_user(user).select_related("seeker", "counsellor"),
        columns=(
            Column("個案識別碼", lambda c: str(c.public_id)),
            Column("求職者", lambda c: c.seeker.name),
            Column("身分證號（遮蔽）", lambda c: c.seeker.national_id_masked),
            Column("狀態", lambda c: c.get_status_display()),
            Column("個案管理員", lambda c: str(c.counsellor) if c.counsellor else ""),
            Column("開案時間", lambda c: c.opened_at),
            Column("下次定期評估", lambda c: c.next_review_on),
            Column("下一個到期日", lambda c: c.next_due_on),
        ),
        roles=CASE_VIEW_ROLES,
        seeker=lambda c: c.seeker,
        order=CASELOAD_ORDER["due"],
    )
)
