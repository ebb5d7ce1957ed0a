"""The screens' 「匯出 Excel」「匯出 CSV」: the page's scope and filter, every row, a zh-Hant
header, the filters and time on the 「說明」 sheet, formula-safe cells, audited and logged;
large lists by a background task whose file only its requester can download."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jobdesk.audit.models import AccessEvent, AuditEvent, ExportJob, ExportStatus
from jobdesk.matching.services import recommend
from tests.matching.factories import make_case, make_employer, make_seeker, make_vacancy, world
from tests.privacy.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(personas, reference_data):
    w = world(personas)
    alice, bob, oscar = personas["alice"], personas["bob"], personas["oscar"]
    other = make_seeker(bob, name="=HYPERLINK(1)", phone="0912000333")
    make_case(other, bob)
    accountants = make_employer(oscar, name="新莊會計事務所")
    make_vacancy(oscar, accountants, open_it=False, title="會計助理")
    recommend(actor=alice, seeker=w["seeker"], vacancy=w["vacancy"], consent=True)
    make_referral(alice, w["case"])
    make_seeker(personas["charlie"], name="陳大文")  # centre C: out of alice's scope
    return w


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _xlsx(response):
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["資料"].iter_rows(values_only=True))
    about = dict(book["說明"].iter_rows(values_only=True))
    return rows, about


LISTS = [
    ("alice", "cases:seeker_list", {}, "求職者識別碼"),
    ("alice", "cases:seeker_list", {"q": "333"}, "求職者識別碼"),
    ("alice", "cases:case_list", {"mine": "1"}, "個案識別碼"),
    ("alice", "cases:caseload", {}, "個案識別碼"),
    ("sam", "cases:caseload", {"status": "open", "sort": "name"}, "個案識別碼"),
    ("oscar", "employers:vacancy_list", {"status": "draft"}, "職缺識別碼"),
    ("alice", "matching:recommendation_list", {}, "推介識別碼"),
    ("alice", "referrals:referral_list", {"status": "assessing"}, "轉介識別碼"),
]


@pytest.mark.parametrize(("who", "name", "params", "id_header"), LISTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_holds_exactly_the_rows_of_the_filtered_page(
    client_for, personas, data, who, name, params, id_header, fmt
):
    client = client_for(personas[who])
    page = client.get(reverse(name), params)
    shown = {str(r.public_id) for r in page.context["page"]}
    response = client.get(reverse(name), {**params, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    if fmt == "csv":
        rows = _csv_rows(response)
    else:
        rows, about = _xlsx(response)
        assert about["篩選條件"]
        assert about["匯出時間"]
        assert about["筆數"] == str(len(shown))
    header = list(rows[0])
    assert header[0] == id_header
    assert {r[0] for r in rows[1:]} == shown
    assert shown or params


def test_the_filters_used_are_written_on_the_about_sheet(client_for, personas, data):
    response = client_for(personas["alice"]).get(
        reverse("referrals:referral_list"), {"status": "assessing", "format": "xlsx"}
    )
    _, about = _xlsx(response)
    assert "狀態：評估中（待簽同意書）" in about["篩選條件"]
    assert about["清單"] == "轉介清單"


def test_cells_that_would_run_as_formulas_are_text(client_for, personas, data):
    rows = _csv_rows(
        client_for(personas["alice"]).get(reverse("cases:seeker_list"), {"format": "csv"})
    )
    names = [r[1] for r in rows[1:]]
    assert "'=HYPERLINK(1)" in names
    assert "=HYPERLINK(1)" not in names


def test_national_ids_are_exported_masked_only(client_for, personas, data):
    seeker = data["seeker"]
    for fmt in ("csv", "xlsx"):
        response = client_for(personas["sam"]).get(reverse("cases:seeker_list"), {"format": fmt})
        rows = _csv_rows(response) if fmt == "csv" else _xlsx(response)[0]
        cells = {str(c) for r in rows for c in r}
        assert seeker.national_id_masked in cells
        assert seeker.national_id_encrypted not in cells  # decrypted: the clear ID


def test_an_export_is_audited_and_each_seeker_logged_as_an_export(client_for, personas, data):
    alice = personas["alice"]
    rows = _csv_rows(
        client_for(alice).get(reverse("cases:case_list"), {"format": "csv", "mine": "1"})
    )
    event = AuditEvent.objects.get(event_type="export.list_exported", actor=alice)
    assert event.after == {"list": "cases", "format": "csv", "filters": {"mine": "1"}, "rows": 1}
    exported = AccessEvent.objects.filter(actor=alice, action="export")
    assert [e.subject_id for e in exported] == [str(data["seeker"].public_id)]
    assert len(rows) == 2


def test_a_vacancy_export_logs_no_seeker(client_for, personas, data):
    oscar = personas["oscar"]
    client_for(oscar).get(reverse("employers:vacancy_list"), {"format": "xlsx"})
    assert AuditEvent.objects.filter(event_type="export.list_exported", actor=oscar).count() == 1
    assert not AccessEvent.objects.filter(actor=oscar).exists()


def test_the_caseload_export_follows_the_page_filter(client_for, personas, data):
    sam = personas["sam"]
    bob_only = {"counsellor": str(personas["bob"].pk), "format": "csv"}
    rows = _csv_rows(client_for(sam).get(reverse("cases:caseload"), bob_only))
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(1)"]  # bob's one case, not alice's


def test_a_bad_filter_exports_nothing(client_for, personas, data):
    response = client_for(personas["alice"]).get(
        reverse("cases:case_list"), {"status": "nope", "format": "csv"}
    )
    assert response.status_code == 400
    assert "個案狀態不正確。" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type="export.list_exported").exists()


def test_the_log_pages_export_through_the_same_mechanism(client_for, personas, data):
    client = client_for(personas["sam"])
    client.get(reverse("cases:seeker_list"))  # writes access-log rows
    response = client.get(reverse("audit:access_list"), {"format": "xlsx"})
    rows, about = _xlsx(response)
    assert rows[0][:2] == ("時間", "檢視者")
    assert about["清單"] == "個資存取紀錄"
    assert AuditEvent.objects.filter(event_type="audit.access_log_exported").count() == 1


def test_a_large_list_is_exported_by_a_background_task(
    client_for, personas, data, settings, django_capture_on_commit_callbacks
):
    settings.JOBDESK_EXPORT_SYNC_MAX_ROWS = 1
    alice = personas["alice"]
    client = client_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("cases:seeker_list"), {"format": "csv"})
    job = ExportJob.objects.get(requested_by=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("audit:export_detail", args=[job.public_id])
    assert job.status == ExportStatus.DONE
    assert job.progress_done == job.progress_total == 2  # centre A's two, not C's
    assert data["seeker"].national_id_masked.encode() not in bytes(job.content)  # encrypted
    assert "下載" in client.get(response["Location"]).content.decode()
    download = client.get(reverse("audit:export_download", args=[job.public_id]))
    rows = _csv_rows(download)
    page = client.get(reverse("cases:seeker_list"))
    assert {r[0] for r in rows[1:]} == {str(s.public_id) for s in page.context["page"]}
    exported = AccessEvent.objects.filter(actor=alice, action="export")
    assert exported.filter(subject_type="cases.jobseeker").count() == 2  # made: each seeker
    assert exported.get(subject_type="audit.exportjob").subject_id == str(job.public_id)  # taken


def test_only_the_requester_may_see_or_download_a_background_export(
    client_for, personas, data, settings, django_capture_on_commit_callbacks
):
    settings.JOBDESK_EXPORT_SYNC_MAX_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas["alice"]).get(reverse("cases:seeker_list"), {"format": "xlsx"})
    job = ExportJob.objects.get(requested_by=personas["alice"])
    for other in ("bob", "sam", "charlie"):
        client = client_for(personas[other])
        assert client.get(reverse("audit:export_detail", args=[job.public_id])).status_code == 404
        download = client.get(reverse("audit:export_download", args=[job.public_id]))
        assert download.status_code == 404


def test_an_export_expires_and_the_purge_removes_its_file(
    client_for, personas, data, settings, django_capture_on_commit_callbacks
):
    settings.JOBDESK_EXPORT_SYNC_MAX_ROWS = 0
    client = client_for(personas["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("cases:seeker_list"), {"format": "csv"})
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(reverse("audit:export_download", args=[job.public_id])).status_code == 404
    call_command("purge_exports")
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED
    assert bytes(job.content) == b""


def test_a_national_id_searched_for_is_recorded_masked(
    client_for, personas, data, settings, django_capture_on_commit_callbacks
):
    clear = data["seeker"].national_id_encrypted  # Python code reads the plaintext
    client = client_for(personas["alice"])
    _, about = _xlsx(client.get(reverse("cases:seeker_list"), {"q": clear, "format": "xlsx"}))
    assert clear not in about["篩選條件"]
    assert data["seeker"].national_id_masked in about["篩選條件"]
    event = AuditEvent.objects.get(event_type="export.list_exported")
    assert event.after["filters"] == {"q": data["seeker"].national_id_masked}
    settings.JOBDESK_EXPORT_SYNC_MAX_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("cases:seeker_list"), {"q": clear, "format": "csv"})
    job = ExportJob.objects.get()
    assert job.params == {"q": clear}
    with connection.cursor() as cursor:  # the column itself holds ciphertext
        cursor.execute("SELECT params_json FROM audit_exportjob WHERE id = %s", [job.pk])
        (raw,) = cursor.fetchone()
    assert raw
    assert clear not in raw
    assert job.progress_done == 1
