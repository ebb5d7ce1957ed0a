"""P3.1.1: the labour-market information given to a job seeker is recorded in their case."""

import pytest
from django.urls import reverse

from jobdesk.cases.models import Activity
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


def test_information_given_becomes_a_t31_activity(client_for, personas, reference_data):
    # given alice's case
    case = make_case(personas["alice"])
    # when she records on the market page that she gave the figures to the seeker
    response = client_for(personas["alice"]).post(
        reverse("employers:labour_market_given"),
        {
            "case": str(case.public_id),
            "summary": "5220 新北市：開放職缺 12，月薪中位數 32,000",
            "notes": "建議先投遞三重、蘆洲門市",
        },
    )
    # then the case has an activity performing T3.1 / P3.1.1 with what was given
    assert response.status_code == 302
    activity = Activity.objects.get(case=case)
    assert activity.task_code == "T3.1"
    assert activity.indicator_codes == ["P3.1.1"]
    assert "月薪中位數 32,000" in activity.notes
    assert "三重、蘆洲門市" in activity.notes


def test_a_case_of_another_office_is_404(client_for, personas, reference_data):
    case = make_case(personas["charlie"])
    response = client_for(personas["alice"]).post(
        reverse("employers:labour_market_given"), {"case": str(case.public_id)}
    )
    assert response.status_code == 404
    assert not Activity.objects.exists()
