"""NUL in any request parameter is refused at the edge with a zh-Hant page (issue 10, item 4)."""

import pytest
from django.urls import reverse

from jobdesk.employers.models import Employer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/employers/?q=%00", "/employers/vacancies/?q=a%00b", "/cases/seekers/?q=%00"],
)
def test_a_nul_in_the_query_string_is_a_400_in_chinese(client_for, personas, url):
    response = client_for(personas["oscar"]).get(url)
    assert response.status_code == 400
    assert "不允許的控制字元" in response.content.decode()


def test_a_nul_in_a_posted_form_saves_nothing(reference_data, client_for, personas):
    response = client_for(personas["oscar"]).post(
        reverse("employers:employer_create"), {"name": "大安\x00商行", "ubn": "04595257"}
    )
    assert response.status_code == 400
    assert not Employer.objects.exists()


def test_ordinary_queries_still_work(client_for, personas):
    assert client_for(personas["oscar"]).get("/employers/?q=大安").status_code == 200
