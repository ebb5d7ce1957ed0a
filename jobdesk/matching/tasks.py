"""The nightly batch: every active job seeker × every open vacancy, top-k in both directions.

``run_match_batch`` is a django-tasks task (the database backend's worker runs it; ``jobdesk
match-batch`` enqueues it from cron, ``--now`` runs it inline). Progress is written on the
``MatchRun`` row; the results replace the previous run's ``MatchSuggestion`` rows. The index the
batch built is then written as the match index snapshot that the web processes memory-map
(``index_service.write_index_snapshot``).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jobdesk.domain.matching import batch_top_k
from jobdesk.matching.index_service import build_index, write_index_snapshot
from jobdesk.matching.models import MatchDirection, MatchRun, MatchRunStatus, MatchSuggestion

PROGRESS_EVERY_S = 2.0
logger = logging.getLogger(__name__)
BULK = 5_000


def start_run(top_k: int = 20) -> MatchRun:
    if not 1 <= top_k <= 100:
        raise ValueError("top_k must be 1..100")
    return MatchRun.objects.create(top_k=top_k)


def execute_run(run: MatchRun) -> MatchRun:
    """Run the batch for ``run`` (status, progress and counts saved on the row as it goes)."""
    from jobdesk.cases.models import JobSeeker
    from jobdesk.employers.models import Vacancy

    run.status, run.started_at = MatchRunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        live = build_index()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            run.progress_done, run.progress_total = done, total
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY_S or done >= total:
                last[0] = now
                MatchRun.objects.filter(pk=run.pk).update(
                    progress_done=done, progress_total=total, updated_at=timezone.now()
                )

        result = batch_top_k(live.index, run.top_k, progress)
        seeker_rows = dict(
            (str(p), (pk, office))
            for pk, p, office in JobSeeker.objects.filter(
                public_id__in=result.seeker_ids
            ).values_list("pk", "public_id", "office_id")
        )
        vacancy_pk = {
            str(p): pk
            for pk, p in Vacancy.objects.filter(public_id__in=result.vacancy_ids).values_list(
                "pk", "public_id"
            )
        }
        rows: list[MatchSuggestion] = []

        def add(direction: str, seeker_id: str, vacancy_id: str, rank: int, score: float) -> None:
            if seeker_id in seeker_rows and vacancy_id in vacancy_pk:
                pk, office = seeker_rows[seeker_id]
                rows.append(
                    MatchSuggestion(
                        run=run,
                        office_id=office,
                        direction=direction,
                        seeker_id=pk,
                        vacancy_id=vacancy_pk[vacancy_id],
                        rank=rank,
                        score=score,
                    )
                )

        for sid in result.seeker_ids:
            for rank, (vid, score) in enumerate(result.for_seeker(sid), start=1):
                add(MatchDirection.VACANCIES_FOR_SEEKER, sid, vid, rank, score)
        for vid in result.vacancy_ids:
            for rank, (sid, score) in enumerate(result.for_vacancy(vid), start=1):
                add(MatchDirection.SEEKERS_FOR_VACANCY, sid, vid, rank, score)
        with transaction.atomic():
            MatchSuggestion.objects.exclude(run=run).delete()
            MatchSuggestion.objects.bulk_create(rows, batch_size=BULK)
            run.status = MatchRunStatus.DONE
            run.finished_at = timezone.now()
            run.seekers, run.vacancies = len(result.seeker_ids), len(result.vacancy_ids)
            run.suggestions = len(rows)
            run.progress_total = max(run.progress_total, 1)
            run.progress_done = run.progress_total
            run.save(
                update_fields=[
                    "status",
                    "finished_at",
                    "seekers",
                    "vacancies",
                    "suggestions",
                    "progress_done",
                    "progress_total",
                    "updated_at",
                ]
            )
    except Exception as exc:
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRunStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
        )
        raise
    _write_snapshot(live)
    return run


def _write_snapshot(live: Any) -> None:
    """After the nightly batch: its freshly built index becomes the web processes' snapshot
    (docs/scaling.md). A failure is logged; the batch's results stand."""
    try:
        folder = write_index_snapshot(live)
    except Exception:
        logger.exception("writing the match index snapshot after the batch failed")
    else:
        logger.info("match index snapshot written after the batch: %s", folder)


@task()
def run_match_batch(run_id: int) -> dict[str, Any]:
    """The background task: ``run_id`` is a ``MatchRun`` created by ``start_run``.

    Idempotent (a task abandoned by a killed worker runs again, jobdesk.background.recovery):
    a run that finished is not recomputed; one cut short is recomputed, and its results replace
    the previous ones in one transaction."""
    run = MatchRun.objects.get(pk=run_id)
    if run.status != MatchRunStatus.DONE:
        run = execute_run(run)
    return {"run": run.pk, "suggestions": run.suggestions}
