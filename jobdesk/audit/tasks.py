"""The background list export (jobdesk.audit.exports): a django-tasks task per ``ExportJob``."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from jobdesk.audit.exports import execute, purge_expired
from jobdesk.audit.models import ExportJob


@task()
def make_export(job_id: int) -> dict[str, Any]:
    job = execute(ExportJob.objects.select_related("requested_by__office").get(pk=job_id))
    return {"export": job.pk, "rows": job.progress_done}


@task()
def purge_expired_exports() -> dict[str, Any]:
    return {"purged": purge_expired()}
