"""The administrators' console: open to administrators only; every change audited."""

import pytest

from jobdesk.accounts.models import Office
from jobdesk.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["alice", "sam", "oscar", "audrey"])
def test_other_roles_are_kept_out(client_for, personas, who):
    response = client_for(personas[who]).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_administrator_creates_an_office_and_it_is_audited(client_for, personas, offices):
    client = client_for(personas["adam"])
    assert client.get("/admin/accounts/office/").status_code == 200
    response = client.post(
        "/admin/accounts/office/add/",
        {
            "code": "NB-YL",
            "name": "宜蘭就業中心",
            "kind": "centre",
            "parent": offices["north"].pk,
            "review_interval_days": 30,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    office = Office.objects.get(code="NB-YL")
    assert office.path == "NB/NB-YL/"
    assert AuditEvent.objects.filter(
        event_type="admin.created.office", subject_id=str(office.pk)
    ).exists()


def test_office_hierarchy_is_validated_in_chinese(client_for, personas, offices):
    client = client_for(personas["adam"])
    response = client.post(
        "/admin/accounts/office/add/",
        {
            "code": "X1",
            "name": "錯誤層級",
            "kind": "desk",
            "parent": offices["north"].pk,
            "review_interval_days": 30,
        },
    )
    assert response.status_code == 200
    assert "層級不符" in response.content.decode()
    assert not Office.objects.filter(code="X1").exists()
