"""The monthly report: an office's workbook for a month, made by a django-tasks task.

``request_monthly_report`` records the request (a ``MonthlyReport`` row) and enqueues
``make_monthly_report``; ``jobdesk monthly-reports`` does it for every office from cron (the
month before by default). The task writes its progress on the row, section by section. The
workbook holds figures only (no job seeker's data), read as the office's supervisors read them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from openpyxl import Workbook
from openpyxl.styles import Font

from jobdesk.accounts.models import Office
from jobdesk.accounts.roles import Role
from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.reports import closures, exports, workload
from jobdesk.reports import indicators as registry
from jobdesk.reports.models import MonthlyReport, MonthlyReportStatus
from jobdesk.reports.periods import Period
from jobdesk.reports.scope import ReportScope

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

SECTIONS = ("統計指標", "轉介資源", "工作量", "結案原因", "定義")


@dataclass(frozen=True)
class OfficeReader:
    """Reads as a supervisor of ``office`` would (the task has no signed-in user)."""

    office: Office
    role: str = Role.SUPERVISOR
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None

    @property
    def office_id(self) -> int:
        return self.office.pk


@transaction.atomic
def request_monthly_report(
    *, office: Office, month: Period, actor: User | None = None
) -> MonthlyReport:
    report = MonthlyReport.objects.create(
        office=office, month=month.start, requested_by=actor, progress_total=len(SECTIONS)
    )
    record_event(
        Event.REPORT_MONTHLY_REQUESTED,
        actor=actor,
        subject=report,
        after={"month": month.key, "office": office.code},
    )
    transaction.on_commit(lambda: make_monthly_report.enqueue(report_id=report.pk))
    return report


def _sheet(
    book: Workbook,
    title: str,
    meta: list[tuple[str, str]],
    headers: list[str],
    rows: list[list[Any]],
) -> None:
    ws = book.create_sheet(title)
    for label, value in meta:
        ws.append([label, value])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([])
    ws.append(headers)
    for column in range(1, len(headers) + 1):
        ws.cell(ws.max_row, column).font = Font(bold=True)
    for row in rows:
        ws.append([exports.cell_value(v) for v in row])


def build_workbook(report: MonthlyReport, progress: Any = None) -> bytes:
    period = Period.month(report.month.year, report.month.month)
    scope = ReportScope(OfficeReader(report.office), report.office)
    meta = [
        ("報表", "月報"),
        ("期間", period.label),
        ("據點", report.office.name),
        ("產製時間", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]
    book = Workbook()
    book.remove(book.active)
    step = progress or (lambda: None)
    values = registry.evaluate_all(scope, period)
    rows: list[list[Any]] = []
    for v in values:
        rows.append(
            [v.indicator.section, v.indicator.key, v.indicator.name, v.display, v.indicator.unit]
        )
        rows += [
            [v.indicator.section, f"{v.indicator.key}:{c}", f"　{label}", n, v.indicator.unit]
            for c, label, n in v.groups
        ]
    _sheet(book, SECTIONS[0], meta, ["類別", "代碼", "指標", "數值", "單位"], rows)
    step()
    _sheet(
        book,
        SECTIONS[1],
        meta,
        ["轉介資源", "完成", "未成功", "尚無結果", "合計"],
        [
            [r["resource"].name, r["completed"], r["failed"], r["pending"], r["total"]]
            for r in registry.referrals_by_resource(scope, period)
        ],
    )
    step()
    work_rows = []
    for counsellor, cells in workload.workload(scope, period):
        row: list[Any] = [str(counsellor)]
        for cell in cells:
            row += [cell.count, cell.baseline.monthly_per_staff if cell.baseline else ""]
        work_rows.append(row)
    headers = ["就業服務員"] + [h for m in workload.MEASURES for h in (m.name, f"{m.name}基準")]
    _sheet(book, SECTIONS[2], meta, headers, work_rows)
    step()
    _sheet(
        book,
        SECTIONS[3],
        meta,
        ["結案原因", "件數"],
        [list(r) for r in closures.by_reason(closures.closures(scope, period))],
    )
    step()
    definitions = book.create_sheet(SECTIONS[4])
    definitions.append(exports.DEFINITION_HEADERS)
    for r in exports.definition_rows(registry.INDICATORS):
        definitions.append(r)
    step()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def execute(report: MonthlyReport) -> MonthlyReport:
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReportStatus.RUNNING,
        started_at=timezone.now(),
        progress_done=0,
        progress_total=len(SECTIONS),
    )
    done = [0]

    def progress() -> None:
        done[0] += 1
        MonthlyReport.objects.filter(pk=report.pk).update(
            progress_done=done[0], updated_at=timezone.now()
        )

    try:
        content = build_workbook(report, progress)
    except Exception as exc:
        MonthlyReport.objects.filter(pk=report.pk).update(
            status=MonthlyReportStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
        )
        raise
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReportStatus.DONE,
        content=content,
        finished_at=timezone.now(),
        progress_done=len(SECTIONS),
        updated_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


@task()
def make_monthly_report(report_id: int) -> dict[str, Any]:
    report = execute(MonthlyReport.objects.select_related("office").get(pk=report_id))
    return {"report": report.pk, "bytes": len(report.content)}
