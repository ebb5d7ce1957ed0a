from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet


class LogFilterForm(forms.Form):
    subject_id = forms.CharField(label="對象識別碼", required=False, max_length=64)
    actor = forms.CharField(label="操作者帳號", required=False, max_length=150)
    kind = forms.CharField(label="事件／動作", required=False, max_length=80)
    date_from = forms.DateField(
        label="起日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "請輸入正確日期（年-月-日）。"},
    )
    date_to = forms.DateField(
        label="迄日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "請輸入正確日期（年-月-日）。"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("起日不可晚於迄日。")
        return data

    def apply(self, queryset: QuerySet[Any], kind_field: str) -> QuerySet[Any]:
        return apply_log_filter(queryset, self.cleaned_data, kind_field)


def apply_log_filter(
    queryset: QuerySet[Any], data: Mapping[str, Any], kind_field: str
) -> QuerySet[Any]:
    """``queryset`` (scoped) narrowed by the cleaned data of ``LogFilterForm``."""
    if data.get("subject_id"):
        queryset = queryset.filter(subject_id=data["subject_id"].strip())
    if data.get("actor"):
        queryset = queryset.filter(actor_label=data["actor"].strip())
    if data.get("kind"):
        queryset = queryset.filter(**{f"{kind_field}__startswith": data["kind"].strip()})
    if data.get("date_from"):
        queryset = queryset.filter(created_at__date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(created_at__date__lte=data["date_to"])
    return queryset
