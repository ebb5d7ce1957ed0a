"""The referral list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet

from jobdesk.common.filters import ListFilter
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
