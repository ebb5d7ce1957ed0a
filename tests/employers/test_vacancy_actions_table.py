"""The vacancy table (jobdesk/employers/transitions.py): what the service checks, the page shows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobdesk.audit.models import AuditEvent
from jobdesk.employers.models import Vacancy, VacancyStatus
from jobdesk.employers.services import change_vacancy_status
from jobdesk.employers.transitions import VACANCY

pytestmark = pytest.mark.django_db


def _in_status(make_vacancy, status: str) -> Vacancy:
    vacancy = make_vacancy()
    # Test setup only: put the vacancy in the status under test.
    Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
    vacancy.refresh_from_db()
    return vacancy  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("target", "status"),
    [(t, s) for t in VACANCY.actions for s in VacancyStatus.values if s not in VACANCY.sources(t)],
)
def test_the_service_refuses_every_status_outside_the_table(make_vacancy, oscar, target, status):
    # given
    vacancy = _in_status(make_vacancy, status)
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as caught:
        change_vacancy_status(vacancy, actor=oscar, status=target)
    assert caught.value.code == "bad_status"
    vacancy.refresh_from_db()
    assert vacancy.status == status
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("status", VacancyStatus.values)
def test_the_page_shows_exactly_the_status_buttons_the_table_allows(
    client_for, make_vacancy, oscar, status
):
    # given
    vacancy = _in_status(make_vacancy, status)
    # when
    page = (
        client_for(oscar)
        .get(reverse("employers:vacancy_detail", args=[vacancy.public_id]))
        .content.decode()
    )
    # then
    for target in VACANCY.actions:
        button = f'name="status" value="{target}"'
        assert (button in page) == (target in VACANCY.allowed_actions(status)), (target, status)
