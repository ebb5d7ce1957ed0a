"""Background tasks of the employers app (django-tasks; the database backend's worker runs them)."""

from __future__ import annotations

from django_tasks import task

from jobdesk.employers.models import AdRecheckRun


@task()
def run_ad_recheck(run_id: int) -> dict[str, int]:
    """Re-check every open vacancy of an ``AdRecheckRun`` made by ``start_ad_recheck``."""
    from jobdesk.employers.services.compliance import execute_ad_recheck

    run = execute_ad_recheck(AdRecheckRun.objects.select_related("started_by").get(pk=run_id))
    return {
        "run": run.pk,
        "vacancies": run.progress_done,
        "new_findings": run.new_findings,
        "resolved_findings": run.resolved_findings,
    }
