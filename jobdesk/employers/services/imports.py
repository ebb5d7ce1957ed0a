"""Importing vacancy files: preview (no writes), import, and the staged all-or-nothing commit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.common.db import refresh_planner_statistics
from jobdesk.common.scoping import is_within
from jobdesk.employers.importing.mapping import Candidate, map_rows
from jobdesk.employers.importing.readers import FileFormatError, read_file
from jobdesk.employers.models import Employer, ImportBatch, ImportStatus, Vacancy
from jobdesk.employers.search import set_search_text
from jobdesk.employers.services.employers import find_or_register_employer
from jobdesk.employers.services.vacancies import (
    _apply,
    _store_suggestions,
    _unpublish_if_violating,
    create_vacancy,
    recheck_vacancy,
)

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass
class RowReport:
    line: int
    source_id: str
    title: str
    action: str  # "create", "update", "reject"
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    format: str = ""
    created: int = 0
    updated: int = 0
    rejected: int = 0
    rows: list[RowReport] = field(default_factory=list)
    file_error: str = ""

    @property
    def rejected_rows(self) -> list[RowReport]:
        return [r for r in self.rows if r.action == "reject"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "rejected": self.rejected,
            "file_error": self.file_error,
            "rejected_rows": [
                {"line": r.line, "source_id": r.source_id, "title": r.title, "errors": r.errors}
                for r in self.rejected_rows
            ],
        }

    def preview_dict(self) -> dict[str, Any]:
        """Everything the preview page shows, every row included (kept with a staged file)."""
        return {k: v for k, v in self.as_dict().items() if k != "rejected_rows"} | {
            "rows": [
                {
                    "line": r.line,
                    "source_id": r.source_id,
                    "title": r.title,
                    "action": r.action,
                    "errors": r.errors,
                }
                for r in self.rows
            ]
        }


def _read(filename: str, content: bytes) -> tuple[str, list[Candidate]]:
    if len(content) > MAX_IMPORT_BYTES:
        raise FileFormatError("檔案超過 20 MB，請分批匯入。")
    parsed = read_file(filename, content, max_rows=settings.JOBDESK_IMPORT_MAX_ROWS)
    if not parsed.rows:
        raise FileFormatError("檔案中沒有資料列。")
    return parsed.format, map_rows(parsed.format, parsed.rows)


def preview_file(filename: str, content: bytes) -> ImportResult:
    """What an import would do, row by row, without writing anything."""
    result = ImportResult()
    try:
        result.format, candidates = _read(filename, content)
    except FileFormatError as exc:
        result.file_error = str(exc)
        return result
    ids = {(c.source, c.source_id) for c in candidates if c.source_id}
    known = set(
        Vacancy.objects.filter(
            source__in={s for s, _ in ids}, source_id__in={i for _, i in ids}
        ).values_list("source", "source_id")
    )
    for c in candidates:
        if c.errors:
            result.rejected += 1
            result.rows.append(RowReport(c.line, c.source_id, c.title, "reject", c.errors))
        elif (c.source, c.source_id) in known:
            result.updated += 1
            result.rows.append(RowReport(c.line, c.source_id, c.title, "update"))
        else:
            result.created += 1
            result.rows.append(RowReport(c.line, c.source_id, c.title, "create"))
    return result


def _import_one(
    c: Candidate, *, actor: User | None, office: Any, employers: dict[str, Employer]
) -> str:
    employer = find_or_register_employer(
        actor=actor, office=office, name=c.employer_name, ubn=c.employer_ubn, cache=employers
    )
    existing = (
        Vacancy.objects.filter(source=c.source, source_id=c.source_id).first()
        if c.source_id
        else None
    )
    if existing is None:
        create_vacancy(
            actor=actor,
            employer=employer,
            values=c.values,
            office=office,
            source=c.source,
            source_id=c.source_id,
            source_url=str(c.values.get("source_url", "")),
            suggest=c.suggest_occupation,
        )
        return "create"
    if not is_within(existing.office, office):
        raise ValidationError(f"來源編號 {c.source_id} 的職缺由其他據點登錄，無法在此更新。")
    values = dict(c.values)
    if existing.occupation_confirmed or "occupation" not in values:
        values.pop("occupation", None)
    changed = _apply(existing, values)
    if c.suggest_occupation and ("title" in changed or "description" in changed):
        _store_suggestions(existing)
        changed += ["occupation_suggestions", "occupation"]
    if existing.employer_id != employer.pk:
        existing.employer = employer
        changed.append("employer")
        if set_search_text(existing):  # the employer's name is in the keyword index
            changed.append("search_text")
    if changed:
        existing.version += 1  # an officer's form opened before the re-import goes stale
        existing.save(update_fields=sorted({*changed, "updated_at", "version"}))
        recheck_vacancy(existing, actor=actor)
        _unpublish_if_violating(existing, actor=actor)
        record_event(
            Event.VACANCY_REIMPORTED, actor=actor, subject=existing, after={"changed": changed}
        )
    return "update"


def import_file(
    filename: str, content: bytes, *, actor: User | None, office: Any, all_or_nothing: bool = False
) -> ImportResult:
    """Import a vacancy file into ``office``: new rows are created, known source ids updated.

    Rejected rows are reported with zh-Hant reasons. With ``all_or_nothing`` nothing is saved
    unless every row is valid.
    """
    result = ImportResult()
    try:
        result.format, candidates = _read(filename, content)
    except FileFormatError as exc:
        result.file_error = str(exc)
        return result
    if all_or_nothing and any(c.errors for c in candidates):
        for c in candidates:
            if c.errors:
                result.rejected += 1
                result.rows.append(RowReport(c.line, c.source_id, c.title, "reject", c.errors))
        return result
    employers: dict[str, Employer] = {}
    with transaction.atomic():
        for c in candidates:
            if c.errors:
                result.rejected += 1
                result.rows.append(RowReport(c.line, c.source_id, c.title, "reject", c.errors))
                continue
            try:
                with transaction.atomic():
                    action = _import_one(c, actor=actor, office=office, employers=employers)
            except ValidationError as exc:
                employers.clear()  # a rolled-back row may have registered an employer
                if all_or_nothing:
                    raise
                reasons = [str(m) for m in exc.messages]
                result.rejected += 1
                result.rows.append(RowReport(c.line, c.source_id, c.title, "reject", reasons))
                continue
            result.rows.append(RowReport(c.line, c.source_id, c.title, action))
            if action == "create":
                result.created += 1
            else:
                result.updated += 1
        record_event(
            Event.VACANCY_IMPORT,
            actor=actor,
            subject=office,
            office=office,
            label=f"匯入 {filename}",
            after={k: v for k, v in result.as_dict().items() if k != "rejected_rows"},
        )
    if result.created or result.updated:
        transaction.on_commit(refresh_planner_statistics)
    return result


@transaction.atomic
def stage_import(filename: str, content: bytes, *, actor: User, office: Any) -> ImportBatch:
    """Keep an uploaded file for its preview; nothing is imported yet.

    The file is read once, here (within the row and size limits), and the preview is kept with
    it, so showing the preview again reads nothing. A file that cannot be read is kept without
    its bytes (status 無法匯入). Staged files older than ``JOBDESK_IMPORT_STAGE_HOURS`` lose
    their bytes (``expire_import_batches``, also run here).
    """
    expire_import_batches()
    preview = preview_file(filename, content)
    rejected = bool(preview.file_error)
    batch = ImportBatch.objects.create(
        office=office,
        filename=filename[:200],
        content=b"" if rejected else content,
        created_by=actor,
        status=ImportStatus.REJECTED if rejected else ImportStatus.PREVIEWED,
        result={"preview": preview.preview_dict()},
    )
    record_event(
        Event.VACANCY_IMPORT_STAGED,
        actor=actor,
        subject=batch,
        label=batch.filename,
        after={"status": batch.status, "rows": len(preview.rows), "error": preview.file_error},
    )
    return batch


def expire_import_batches(now: datetime.datetime | None = None) -> int:
    """Drop the bytes of files staged (or refused) more than ``JOBDESK_IMPORT_STAGE_HOURS`` ago
    and never imported: an upload must not keep an employer file forever. Returns the count."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.JOBDESK_IMPORT_STAGE_HOURS)
    stale = ImportBatch.objects.filter(
        status__in=[ImportStatus.PREVIEWED, ImportStatus.REJECTED], created_at__lt=cutoff
    ).exclude(status=ImportStatus.REJECTED, content=b"")
    count = 0
    for pk in list(stale.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().filter(pk=pk).first()
            if batch is None or batch.status not in (
                ImportStatus.PREVIEWED,
                ImportStatus.REJECTED,
            ):
                continue
            before = batch.status
            batch.status = ImportStatus.EXPIRED
            batch.content = b""
            batch.save(update_fields=["status", "content", "updated_at"])
            record_event(
                Event.VACANCY_IMPORT_EXPIRED,
                actor=None,
                subject=batch,
                before={"status": before},
                after={"status": batch.status},
            )
            count += 1
    return count


def staged_preview(batch: ImportBatch) -> dict[str, Any] | None:
    """The preview kept with a staged file (a file staged before previews were kept is read
    again, within the limits, and nothing is written)."""
    if batch.status not in (ImportStatus.PREVIEWED, ImportStatus.REJECTED):
        return None
    kept = (batch.result or {}).get("preview")
    if kept is not None:
        return dict(kept)
    return preview_file(batch.filename, bytes(batch.content)).preview_dict()


def commit_import_batch(batch: ImportBatch, *, actor: User) -> ImportResult:
    """Import a staged file all-or-nothing; an invalid row leaves the database unchanged."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == ImportStatus.REJECTED:
            raise ValidationError("這個檔案無法讀取，不能匯入；請修正後重新上傳。")
        if locked.status != ImportStatus.PREVIEWED:
            raise ValidationError("這個檔案已經處理過了。")
        try:
            result = import_file(
                locked.filename,
                bytes(locked.content),
                actor=actor,
                office=locked.office,
                all_or_nothing=True,
            )
        except ValidationError as exc:
            raise ValidationError(f"匯入失敗，未儲存任何資料：{'；'.join(exc.messages)}") from exc
        if result.file_error or result.rejected:
            return result
        locked.status = ImportStatus.COMMITTED
        locked.result = result.as_dict()
        locked.save(update_fields=["status", "result", "updated_at"])
        record_event(
            Event.VACANCY_IMPORT_COMMITTED, actor=actor, subject=locked, after=locked.result
        )
    refresh_planner_statistics()
    return result


@transaction.atomic
def discard_import_batch(batch: ImportBatch, *, actor: User) -> None:
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status not in (ImportStatus.PREVIEWED, ImportStatus.REJECTED):
        raise ValidationError("這個檔案已經處理過了。")
    locked.status = ImportStatus.DISCARDED
    locked.content = b""
    locked.save(update_fields=["status", "content", "updated_at"])
    record_event(Event.VACANCY_IMPORT_DISCARDED, actor=actor, subject=locked)
