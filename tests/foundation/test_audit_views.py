"""The change log and the access log: auditors read them within their office subtree."""

import pytest
from django.urls import reverse

from jobdesk.audit.models import AuditEvent
from jobdesk.audit.services import record_access, record_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _types_unknown_to_the_registry_are_written(settings):
    # these tests write made-up types ("test.north") to see them listed, as production would
    settings.JOBDESK_STRICT_EVENT_TYPES = False


@pytest.fixture
def events(personas, offices):
    record_event("test.north", actor=personas["alice"], subject=offices["a"], office=offices["a"])
    record_event(
        "test.central", actor=personas["charlie"], subject=offices["c"], office=offices["c"]
    )
    record_access(
        actor=personas["alice"], subject=offices["a"], office=offices["a"], what="求職者基本資料"
    )


def test_auditor_sees_own_branch_only(client_for, personas, events):
    body = client_for(personas["audrey"]).get(reverse("audit:event_list")).content.decode()
    assert "test.north" in body
    assert "test.central" not in body


def test_supervisor_of_other_office_sees_nothing_of_ours(client_for, personas, events):
    body = client_for(personas["tina"]).get(reverse("audit:event_list")).content.decode()
    assert "test.central" in body
    assert "test.north" not in body


def test_filters_validate_in_chinese(client_for, personas, events):
    client = client_for(personas["audrey"])
    body = client.get(reverse("audit:event_list"), {"date_from": "2026-13-01"}).content.decode()
    assert "請輸入正確日期" in body
    body = client.get(
        reverse("audit:event_list"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    ).content.decode()
    assert "起日不可晚於迄日" in body


def test_csv_export_of_access_log(client_for, personas, events):
    response = client_for(personas["audrey"]).get(reverse("audit:access_list"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "求職者基本資料" in text
    assert text.splitlines()[0].startswith("時間,檢視者")
    # the export itself is in the change log, with who exported and the filters used
    event = AuditEvent.objects.get(event_type="audit.access_log_exported")
    assert event.actor == personas["audrey"]


def test_counsellor_cannot_read_logs(client_for, personas, events):
    assert client_for(personas["alice"]).get(reverse("audit:event_list")).status_code == 403


def test_log_list_query_count_does_not_grow_with_rows(
    client_for, personas, offices, django_assert_max_num_queries
):
    client = client_for(personas["audrey"])
    for i in range(30):
        record_event(
            f"test.bulk.{i}", actor=personas["alice"], subject=offices["a"], office=offices["a"]
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit:event_list")).status_code == 200
