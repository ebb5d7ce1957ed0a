"""The monthly report: requested, made by the background task with progress, downloaded."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command

from jobdesk.reports.models import MonthlyReport, MonthlyReportStatus
from jobdesk.reports.periods import Period
from jobdesk.reports.tasks import SECTIONS, execute, request_monthly_report

pytestmark = pytest.mark.django_db


def test_the_task_builds_the_workbook_of_the_office_month(world, personas, offices):
    # given (tests run the task backend immediately: execute is the task's body)
    report = request_monthly_report(
        office=offices["a"], month=Period.month(2026, 10), actor=personas["sam"]
    )
    # when
    report = execute(report)
    # then
    assert report.status == MonthlyReportStatus.DONE
    assert (report.progress_done, report.progress_total, report.percent) == (5, 5, 100)
    book = openpyxl.load_workbook(io.BytesIO(bytes(report.content)))
    assert book.sheetnames == list(SECTIONS)
    figures = {r[1]: r[3] for r in book["統計指標"].iter_rows(values_only=True) if r and r[1]}
    assert figures["new_seekers"] == "2"
    assert figures["recommendations"] == "4"
    work = {r[0]: r[1:] for r in book["工作量"].iter_rows(values_only=True) if r and r[0]}
    assert work["Alice"][:2] == (2, 130)
    reasons = {r[0]: r[1] for r in book["結案原因"].iter_rows(values_only=True) if r and r[0]}
    assert reasons["參加職訓"] == 1


def test_request_page_and_download(world, client_for, personas, django_capture_on_commit_callbacks):
    sam = client_for(personas["sam"])
    with django_capture_on_commit_callbacks(execute=True):  # the task is enqueued on commit
        response = sam.post("/reports/monthly/new/", {"month": "2026-10", "office": "NB-SC"})
    assert response.status_code == 302
    report = MonthlyReport.objects.get()
    assert report.status == MonthlyReportStatus.DONE  # the immediate backend ran it
    page = sam.get("/reports/monthly/").content.decode()
    assert "下載 Excel" in page
    download = sam.get(f"/reports/monthly/{report.public_id}/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    outside = {"month": "2026-10", "office": "CT-TC"}
    assert sam.post("/reports/monthly/new/", outside).status_code == 404
    tina = client_for(personas["tina"])  # the same client, now tina of centre C
    assert tina.get(f"/reports/monthly/{report.public_id}/").status_code == 404


def test_the_command_makes_last_months_report_for_every_office(world, offices):
    call_command("monthly_reports", "--month", "2026-11", "--now")
    reports = MonthlyReport.objects.all()
    assert reports.count() == len(offices)
    assert {r.month for r in reports} == {Period.month(2026, 11).start}
    assert all(r.status == MonthlyReportStatus.DONE for r in reports)
