"""The vacancy list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from jobdesk.common.exports import Column, ListExport, register
from jobdesk.common.filters import ListFilter
from jobdesk.common.roles import EMPLOYER_VIEW_ROLES
from jobdesk.employers.forms import VacancyFilterForm, vacancy_filter_of
from jobdesk.employers.models import Vacancy
from jobdesk.employers.selectors import narrow_vacancies


class VacancyListFilter(ListFilter[Vacancy]):
    form_class = VacancyFilterForm

    def apply(self, queryset: QuerySet[Vacancy], data: Mapping[str, Any]) -> QuerySet[Vacancy]:
        return narrow_vacancies(queryset, vacancy_filter_of(data))


def _pay(v: Vacancy) -> str:
    return v.get_pay_basis_display() if v.pay_basis else ""


VACANCY_EXPORT = register(
    ListExport(
        key="vacancies",
        title="職缺清單",
        filter=VacancyListFilter,
        rows=lambda user: Vacancy.objects.for_user(user).select_related(
            "employer", "occupation", "township", "office"
        ),
        columns=(
            Column("職缺識別碼", lambda v: str(v.public_id)),
            Column("職缺名稱", lambda v: v.title),
            Column("雇主", lambda v: v.employer.name),
            Column("職業代碼", lambda v: v.occupation.code if v.occupation else ""),
            Column("職業", lambda v: v.occupation.name if v.occupation else ""),
            Column("工作地點", lambda v: v.township.full_name if v.township else v.county),
            Column("計薪方式", _pay),
            Column("薪資下限", lambda v: v.pay_min),
            Column("薪資上限", lambda v: v.pay_max),
            Column("需求人數", lambda v: v.headcount),
            Column("狀態", lambda v: v.get_status_display()),
            Column("截止日期", lambda v: v.closes_on),
            Column("據點", lambda v: v.office.name),
            Column("建立時間", lambda v: v.created_at),
        ),
        roles=EMPLOYER_VIEW_ROLES,
    )
)
