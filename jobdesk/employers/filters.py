"""The vacancy list's filter: one definition for the screen, the API and the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from jobdesk.common.filters import ListFilter
from jobdesk.employers.forms import VacancyFilterForm, vacancy_filter_of
from jobdesk.employers.models import Vacancy
from jobdesk.employers.selectors import narrow_vacancies


class VacancyListFilter(ListFilter[Vacancy]):
    form_class = VacancyFilterForm

    def apply(self, queryset: QuerySet[Vacancy], data: Mapping[str, Any]) -> QuerySet[Vacancy]:
        return narrow_vacancies(queryset, vacancy_filter_of(data))
