"""Background tasks of the privacy app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from jobdesk.privacy.files import remove_orphaned_files
from jobdesk.privacy.services import purge_expired


@task()
def purge_expired_task() -> dict[str, int]:
    """Retention purge (PDPA Art. 11), then unreferenced signature files: returns the counts."""
    run = purge_expired()
    return {
        "seekers_processed": run.seekers_processed,
        "seekers_on_hold": run.seekers_on_hold,
        "rows_changed": run.rows_changed,
        "files_deleted": run.files_deleted,
        "orphaned_files_deleted": remove_orphaned_files(),
    }
