"""§5 checks outside the vacancy edit: the live check while typing, and the bulk re-check of
open vacancies after the checker's rules change (a background task with progress)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event
from jobdesk.domain.adcheck import Finding, PayInfo, check_ad
from jobdesk.employers.models import (
    AdRecheckRun,
    FindingStatus,
    PayBasis,
    RecheckStatus,
    Vacancy,
    VacancyStatus,
)
from jobdesk.employers.services.vacancies import recheck_vacancy

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

PROGRESS_EVERY_S = 1.0
LIVE_TEXT_LIMIT = 20_000  # characters of a posted field the live check reads


def preview_findings(
    title: str, description: str, pay_basis: str = "", pay_min: Any = None, pay_max: Any = None
) -> list[Finding]:
    """What the checker would say about a vacancy's text as it is being typed; saves nothing."""

    def amount(value: Any) -> int:
        text = str(value or "").replace(",", "").strip()
        return int(text) if text.isdigit() else 0

    basis = pay_basis if pay_basis in PayBasis.values else None
    pay = PayInfo(basis, amount(pay_min), amount(pay_max)) if basis else None
    return check_ad((title or "")[:LIVE_TEXT_LIMIT], (description or "")[:LIVE_TEXT_LIMIT], pay)


def open_vacancies_for_recheck(actor: User) -> Any:
    """The open vacancies a re-check started by ``actor`` covers (those they may change)."""
    return Vacancy.objects.for_user(actor, "change").filter(status=VacancyStatus.OPEN)


@transaction.atomic
def start_ad_recheck(*, actor: User) -> AdRecheckRun:
    """Queue a re-check of every open vacancy in ``actor``'s scope (audited); the task runs
    after the transaction commits."""
    from jobdesk.employers.tasks import run_ad_recheck

    if actor.office_id is None:
        raise PermissionDenied("您的帳號未設定所屬據點，無法重新檢核職缺。")
    run = AdRecheckRun.objects.create(
        office_id=actor.office_id,
        started_by=actor,
        progress_total=open_vacancies_for_recheck(actor).count(),
    )
    record_event(
        Event.VACANCY_RECHECK_STARTED,
        actor=actor,
        subject=run,
        after={"vacancies": run.progress_total},
    )
    transaction.on_commit(lambda: run_ad_recheck.enqueue(run_id=run.pk))
    return run


def _recheck_one(vacancy_id: int, actor: User) -> tuple[int, int]:
    """(new, resolved) findings of one vacancy, re-checked in its own transaction."""
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().filter(pk=vacancy_id).first()
        if vacancy is None or vacancy.status != VacancyStatus.OPEN:
            return 0, 0
        before = set(
            vacancy.findings.exclude(status=FindingStatus.RESOLVED).values_list("pk", flat=True)
        )
        after = {finding.pk for finding in recheck_vacancy(vacancy, actor=actor)}
        return len(after - before), len(before - after)


def execute_ad_recheck(run: AdRecheckRun) -> AdRecheckRun:
    """Re-check the run's vacancies one by one, saving progress on the row as it goes."""
    actor = run.started_by
    ids = list(open_vacancies_for_recheck(actor).order_by("pk").values_list("pk", flat=True))
    run.status, run.started_at, run.progress_total = RecheckStatus.RUNNING, timezone.now(), len(ids)
    run.save(update_fields=["status", "started_at", "progress_total", "updated_at"])
    fields = ["progress_done", "vacancies_changed", "new_findings", "resolved_findings"]
    last = time.monotonic()
    try:
        for vacancy_id in ids:
            new, resolved = _recheck_one(vacancy_id, actor)
            run.progress_done += 1
            run.new_findings += new
            run.resolved_findings += resolved
            run.vacancies_changed += bool(new or resolved)
            if time.monotonic() - last >= PROGRESS_EVERY_S:
                run.save(update_fields=[*fields, "updated_at"])
                last = time.monotonic()
        with transaction.atomic():
            run.status, run.finished_at = RecheckStatus.DONE, timezone.now()
            run.save(update_fields=[*fields, "status", "finished_at", "updated_at"])
            record_event(
                Event.VACANCY_RECHECK_FINISHED,
                actor=actor,
                subject=run,
                after={name: getattr(run, name) for name in ["progress_total", *fields]},
            )
    except Exception as exc:
        AdRecheckRun.objects.filter(pk=run.pk).update(
            status=RecheckStatus.FAILED, error=repr(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return run
