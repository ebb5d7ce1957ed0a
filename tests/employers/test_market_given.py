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


def test_the_case_is_picked_from_the_counsellors_caseload(client_for, personas, reference_data):
    # given alice's open case, bob's case in the same office, and a figure on the market page
    own = make_case(personas["alice"])
    other = make_case(personas["bob"])
    client = client_for(personas["alice"])
    # when she opens the market page for an occupation
    html = client.get(reverse("employers:labour_market"), {"occupation": "5"}).content.decode()
    # then 記錄已提供給求職者 offers her own cases by name, and asks for no identifier
    form_html = html.split("記錄已提供給求職者")[1]
    assert f'<option value="{own.public_id}">{own.seeker.name}（' in form_html
    assert str(other.public_id) not in form_html
    assert "個案識別碼" not in html
    # and a case of her office that is not hers is refused with a message, nothing recorded
    response = client.post(reverse("employers:labour_market_given"), {"case": str(other.public_id)})
    assert response.status_code == 302
    assert not Activity.objects.exists()
