"""The referral list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet

from jobdesk.common.exports import Column, ListExport, register
from jobdesk.common.filters import ListFilter
from jobdesk.common.roles import CASE_VIEW_ROLES
from jobdesk.referrals.models import Referral, ReferralStatus


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="狀態",
        required=False,
        choices=[("", "全部"), *ReferralStatus.choices],
        error_messages={"invalid_choice": "轉介狀態不正確。"},
    )
    mine = forms.BooleanField(label="只看我的", required=False)


class ReferralFilter(ListFilter[Referral]):
    form_class = ReferralFilterForm

    def apply(self, queryset: QuerySet[Referral], data: Mapping[str, Any]) -> QuerySet[Referral]:
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("mine"):
            queryset = queryset.filter(counsellor=self.user)
        return queryset


# The list shows each referral's seeker by masked national ID only; so does its export.
REFERRAL_EXPORT = register(
    ListExport(
        key="referrals",
        title="轉介清單",
        filter=ReferralFilter,
        rows=lambda user: Referral.objects.for_user(user).select_related(
            "case__seeker", "resource", "counsellor", "office"
        ),
        columns=(
            Column("轉介識別碼", lambda r: str(r.public_id)),
            Column("求職者（身分證號遮蔽）", lambda r: r.case.seeker.national_id_masked),
            Column("轉介資源", lambda r: r.resource.name),
            Column("狀態", lambda r: r.get_status_display()),
            Column("回覆", lambda r: r.get_reply_display() if r.reply else ""),
            Column("下次追蹤", lambda r: r.next_follow_up_on),
            Column("轉介人員", lambda r: str(r.counsellor) if r.counsellor else ""),
            Column("據點", lambda r: r.office.name),
            Column("建立時間", lambda r: r.created_at),
        ),
        roles=CASE_VIEW_ROLES,
        seeker=lambda r: r.case.seeker,
    )
)
