"""The screens' list exports, audited: 「匯出 Excel」「匯出 CSV」 on every filterable list.

A list view answers ``?format=xlsx`` or ``?format=csv`` with ``export_response(request, spec)``:
the same scope (``spec.rows(user)``, ``for_user``) and the same filter (``spec.filter``) as the
page, every row. Each export writes a change-log row (who, which list, the filters, how many rows)
and, when the rows show job seekers, one access-log row per seeker (action 「匯出」). Above
``JOBDESK_EXPORT_SYNC_MAX_ROWS`` rows the file is made by a background task
(``jobdesk.audit.tasks.make_export``) and the user follows its progress on a page of its own.
Files are written by ``jobdesk.common.exports``; national IDs only ever appear masked.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jobdesk.audit.models import AccessAction, ExportJob, ExportStatus
from jobdesk.audit.services import record_accesses, record_event
from jobdesk.common import exports as files
from jobdesk.common.crypto import encrypt_bytes
from jobdesk.domain.identifiers import check_personal_id, mask_personal_id

LOG_CHUNK = 1000


def wanted_format(request: HttpRequest) -> str | None:
    """``xlsx`` or ``csv`` when the list is asked for as a file."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in files.FORMATS else None


def _params(spec: files.ListExport, query: Mapping[str, Any]) -> dict[str, str]:
    """The filter's own parameters (as given), for the filter and the job."""
    names = spec.filter.form_class.base_fields
    return {k: str(v) for k, v in query.items() if k in names}


def about(
    spec: files.ListExport, user: Any, described: list[tuple[str, str]], rows: int
) -> list[tuple[str, str]]:
    """The 「說明」 sheet: what the file is, who made it, when, with which filters."""
    office = getattr(user, "office", None)
    lines = [
        ("清單", spec.title),
        ("匯出者", str(user)),
        ("據點", office.name if office else "—"),
        ("匯出時間", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ("範圍", "您可檢視的資料（與畫面相同）"),
        ("篩選條件", "、".join(f"{k}：{v}" for k, v in described) or "（無，全部）"),
        ("筆數", str(rows)),
    ]
    if spec.seeker is not None:
        lines.append(("個人資料", "含求職者個人資料：僅供業務使用，匯出已記入個資存取紀錄。"))
    return lines


def _no_clear_id(value: str) -> str:
    """A national ID searched for is recorded masked, never in clear."""
    check = check_personal_id(value.strip())
    return mask_personal_id(check.value) if check.ok else value


def record_export(
    *,
    key: str,
    title: str,
    user: Any,
    fmt: str,
    params: Mapping[str, Any],
    rows: int,
    event_type: str = "export.list_exported",
    via: str = "screen",
) -> None:
    """The change-log row of one export: who, which list, which filters, how many rows."""
    office = getattr(user, "office", None)
    filters = {k: _no_clear_id(str(v)) for k, v in params.items()}
    after: dict[str, Any] = {"list": key, "format": fmt, "filters": filters, "rows": rows}
    if via != "screen":
        after["via"] = via
    record_event(
        event_type,
        actor=user,
        subject=office if office is not None else user,
        office=office,
        after=after,
        label=f"匯出{title}（{files.FORMAT_NAMES.get(fmt, fmt)}）",
    )


def _audit(spec: files.ListExport, user: Any, fmt: str, params: dict[str, str], n: int) -> None:
    record_export(
        key=spec.key,
        title=spec.title,
        user=user,
        fmt=fmt,
        params=spec.filter(user).recorded(params),  # a national ID searched for: masked
        rows=n,
        event_type=spec.event_type,
    )


def _rows_logged(
    spec: files.ListExport, user: Any, queryset: Any, fmt: str, step: Callable[[int], None]
) -> Iterator[list[Any]]:
    """The rows as cell values; the seekers they show logged as exports, a chunk at a time."""
    pending: list[Any] = []
    done = 0
    what = f"{spec.title}（匯出 {files.FORMAT_NAMES[fmt]}）"[:200]

    def flush() -> None:
        if spec.seeker is not None and pending:
            record_accesses(
                actor=user,
                subjects=((s, None) for s in pending),
                action=AccessAction.EXPORT,
                what=what,
            )
        pending.clear()

    for row in queryset.iterator(chunk_size=LOG_CHUNK):
        if spec.seeker is not None:
            pending.append(spec.seeker(row))
        yield spec.values(row)
        done += 1
        if done % LOG_CHUNK == 0:
            flush()
            step(done)
    flush()
    step(done)


def build(
    spec: files.ListExport,
    user: Any,
    params: Mapping[str, Any],
    fmt: str,
    step: Callable[[int], None] | None = None,
) -> tuple[bytes, int]:
    """The file of ``spec``'s rows for ``user`` and ``params``, and how many rows it holds."""
    filtered = spec.filter(user).run(params, spec.rows(user))
    if not filtered.ok:
        raise ValueError(filtered.errors)
    queryset = filtered.queryset.order_by(*spec.order)
    count = queryset.count()
    written = [0]

    def progress(n: int) -> None:
        written[0] = n
        if step is not None:
            step(n)

    rows = _rows_logged(spec, user, queryset, fmt, progress)  # streamed into the file
    sheet = about(spec, user, filtered.described(), count)
    content = files.to_bytes(fmt, spec.headers, rows, sheet)
    return content, written[0]


def filename(spec: files.ListExport, fmt: str) -> str:
    return f"{spec.key}-{files.local_stamp()}.{fmt}"


def export_response(request: HttpRequest, spec: files.ListExport) -> HttpResponse:
    """The list as a file now, or (a large list) a background export and its progress page."""
    user: Any = request.user
    if getattr(user, "role", None) not in spec.roles:
        raise PermissionDenied
    fmt = wanted_format(request) or "xlsx"
    params = _params(spec, request.GET)
    filtered = spec.filter(user).run(params, spec.rows(user))
    if not filtered.ok:
        message = "；".join(m for ms in filtered.errors.values() for m in ms)
        return render(request, "common/bad_input.html", {"message": message}, status=400)
    count = filtered.queryset.count()
    if count > settings.JOBDESK_EXPORT_SYNC_MAX_ROWS:
        job = queue_export(spec, user, params, fmt, total=count)
        return redirect("audit:export_detail", public_id=job.public_id)
    with transaction.atomic():
        content, n = build(spec, user, params, fmt)
        _audit(spec, user, fmt, params, n)
    reply = HttpResponse(content, content_type=files.CONTENT_TYPES[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{filename(spec, fmt)}"'
    reply["Cache-Control"] = "no-store"
    return reply


@transaction.atomic
def queue_export(
    spec: files.ListExport, user: Any, params: dict[str, str], fmt: str, *, total: int = 0
) -> ExportJob:
    from jobdesk.audit.tasks import make_export

    job = ExportJob.objects.create(
        requested_by=user,
        office=getattr(user, "office", None),
        list_key=spec.key,
        title=spec.title,
        fmt=fmt,
        params_json=json.dumps(params, ensure_ascii=False),
        personal_data=spec.seeker is not None,
        progress_total=total,
    )
    _audit(spec, user, fmt, params, total)
    transaction.on_commit(lambda: make_export.enqueue(job_id=job.pk))
    return job


def execute(job: ExportJob) -> ExportJob:
    """Make the file of ``job`` (the background task's work), its progress on the row."""
    spec = files.get(job.list_key)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now(), progress_done=0
    )

    def step(n: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress_done=n)

    try:  # not one transaction: the progress must be seen by the page while it runs
        content, n = build(spec, job.requested_by, job.params, job.fmt, step)
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
        )
        raise
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        content=encrypt_bytes(content),
        filename=filename(spec, job.fmt),
        progress_done=n,
        progress_total=n,
        finished_at=now,
        expires_at=now + datetime.timedelta(hours=settings.JOBDESK_EXPORT_KEEP_HOURS),
    )
    job.refresh_from_db()
    return job


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Remove the files of exports past their time (the rows stay, as a record)."""
    now = now or timezone.now()
    return ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=now).update(
        status=ExportStatus.EXPIRED, content=b""
    )
