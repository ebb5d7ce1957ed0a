"""The per-process match index, built lazily from the database and kept fresh without signals.

* ``get_index()`` builds a ``MatchIndex`` on first use from every vacancy (the engine indexes only
  the servable ones: open, not past closing, no §10 dispute, no unresolved §5 finding) and every
  active job seeker.
* Other apps' services call ``refresh_vacancy(vacancy)`` / ``refresh_seeker(seeker)`` /
  ``refresh_employer(employer)`` after a change; the upsert runs when the transaction commits.
* Every query first runs a cheap staleness check: for each source table (vacancies, employers,
  §5 findings, job seekers) one ``MAX(updated_at)`` query, an index lookup. A change made by
  another process (a worker, an import, another web worker) moves that mark, and the rows
  updated since the last sync are upserted. Deleted rows do not move it: the row counts
  (``COUNT(*)``, a scan of the table: 60 ms at 1M rows on PostgreSQL) are compared at most every
  ``COUNT_EVERY_SECONDS`` and a difference is reconciled by diffing ids. Until then a deleted
  row can still be returned by the engine, and the selectors drop it (they read the result rows
  from the database).
* A new day re-checks only the vacancies whose servability depends on it (closing date passed,
  an employer's dispute starting or ending); the whole index is rebuilt, re-fitting the text
  model, when it is ``JOBDESK_MATCH_REFIT_DAYS`` old, on a background thread while the old one
  keeps serving. See docs/recommendations.md.
* A snapshot (jobdesk/matching/snapshot.py, ``JOBDESK_MATCH_SNAPSHOT_DIR``) written by the
  worker (``jobdesk build-match-index``, and after every nightly batch) is memory-mapped instead
  of building: the first build of a process, a due re-fit and a new day take the snapshot when
  there is a newer one, then sync the rows changed since its marks as above. No snapshot, or
  one that cannot be used (another engine version, a failed checksum): built from the database,
  with a log line. See docs/scaling.md.
"""

from __future__ import annotations

import datetime
import logging
import sys
import threading
import time
from collections.abc import Callable, MutableMapping, MutableSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Max, Q
from django.utils import timezone

from jobdesk.domain.matching import MatchIndex
from jobdesk.domain.matching.ids import freeze_map, freeze_set
from jobdesk.matching import adapters

Mark = datetime.datetime | None  # MAX(updated_at) of a source table
COUNT_EVERY_SECONDS = 30.0  # how often the row counts (deletions) are checked
logger = logging.getLogger(__name__)


@dataclass
class LiveIndex:
    index: MatchIndex
    day: datetime.date
    marks: dict[str, Mark]
    # public id → office path, for every vacancy / active seeker the index knows about (dicts and
    # sets when built here, id arrays when loaded from a snapshot: the same answers)
    vacancy_office: MutableMapping[str, str] = field(default_factory=dict)
    seeker_office: MutableMapping[str, str] = field(default_factory=dict)
    vacancy_ids: MutableSet[str] = field(default_factory=set)  # every vacancy row seen
    seeker_ids: MutableSet[str] = field(default_factory=set)  # every seeker row seen
    syncs: int = 0
    builds: int = 1
    built_on: datetime.date | None = None  # when the text model was fitted (None: ``day``)
    counts: dict[str, int] = field(default_factory=dict)  # row counts at the last count
    counted_at: float = 0.0  # time.monotonic() of the last count
    snapshot: str | None = None  # the snapshot version it was loaded from (None: built here)

    # -- pickling (the snapshot): the id collections as arrays ---------------------------------
    def __getstate__(self) -> dict[str, Any]:
        """Dicts and sets become ``IdMap``/``IdSet`` (sorted id arrays, ``domain/matching/
        ids.py``): a process that loads the snapshot maps them instead of rebuilding a million
        entries; they answer the same lookups, and changes go into a small dict on top."""
        state = dict(self.__dict__)
        for name in ("vacancy_office", "seeker_office"):
            state[name] = freeze_map(state[name])
        for name in ("vacancy_ids", "seeker_ids"):
            state[name] = freeze_set(state[name])
        return state


_lock = threading.RLock()
_live: LiveIndex | None = None


def _models() -> dict[str, Any]:
    from jobdesk.cases.models import JobSeeker
    from jobdesk.employers.models import Employer, Vacancy, VacancyFinding

    return {
        "vacancy": Vacancy,
        "employer": Employer,
        "finding": VacancyFinding,
        "seeker": JobSeeker,
    }


def _marks() -> dict[str, Mark]:
    """``MAX(updated_at)`` of each source table (an index lookup each)."""
    return {
        name: model.objects.aggregate(last=Max("updated_at"))["last"]
        for name, model in _models().items()
    }


def _counts() -> dict[str, int]:
    """Row counts of the source tables (scans: see ``COUNT_EVERY_SECONDS``)."""
    return {name: model.objects.count() for name, model in _models().items()}


def _matchable(qs: Any) -> Any:
    """Seekers the index serves: active, no stop of processing in force (PDPA Art. 11, 3 (4))."""
    from jobdesk.privacy.models import ProcessingRestriction

    stopped = ProcessingRestriction.objects.filter(ended_at__isnull=True).values("seeker_id")
    return qs.filter(is_active=True).exclude(pk__in=stopped)


def _active_seekers() -> Any:
    from jobdesk.cases.models import JobSeeker

    return _matchable(JobSeeker.objects.all())


def build_index() -> LiveIndex:
    """A fresh index of every servable vacancy and every active seeker (also used by the batch)."""
    day = timezone.localdate()
    marks, counts = _marks(), _counts()
    vacancies, vacancy_office, vacancy_ids = [], {}, set()
    # one string object per id and per office path (sys.intern): the snapshot pickles each once
    for record, _pk, path in adapters.vacancy_records(adapters.vacancy_queryset(day), day):
        vacancy_ids.add(record.id)
        if record.servable:
            vacancies.append(record)
            vacancy_office[record.id] = sys.intern(path)
    seekers, seeker_office = [], {}
    for profile, _pk, path in adapters.seeker_profiles(_active_seekers()):
        seekers.append(profile)
        seeker_office[profile.id] = sys.intern(path)
    index = MatchIndex.build(vacancies, seekers, adapters.taxonomy_from_db())
    seeker_ids = set(seeker_office)
    seeker_ids |= _all_seeker_ids() - seeker_ids
    return LiveIndex(
        index,
        day,
        marks,
        vacancy_office,
        seeker_office,
        vacancy_ids,
        seeker_ids,
        built_on=day,
        counts=counts,
        counted_at=time.monotonic(),
    )


def _snapshot_meta(live: LiveIndex) -> dict[str, Any]:
    return {
        "marks": {k: v.isoformat() if v is not None else None for k, v in live.marks.items()},
        "counts": live.counts,
        "day": live.day.isoformat(),
        "built_on": (live.built_on or live.day).isoformat(),
        "seekers": live.index.seekers.live_count,
        "vacancies": live.index.vacancies.live_count,
    }


def write_index_snapshot(live: LiveIndex | None = None) -> Path:
    """Write ``live`` (default: a fresh build) as the current snapshot; returns its folder."""
    from jobdesk.matching import snapshot

    live = build_index() if live is None else live
    with _lock:  # nothing changes it while it is pickled (it may be this process's index)
        return snapshot.write_snapshot(live, _snapshot_meta(live))


def load_index_snapshot(today: datetime.date | None = None) -> LiveIndex | None:
    """The current snapshot, memory-mapped, or None (logged) when there is none to use.

    Its marks are those its build read before its rows, so the next ``get_index`` syncs what
    changed since; its row counts are checked on that call too (deletions)."""
    from jobdesk.matching import snapshot

    today = timezone.localdate() if today is None else today
    folder = snapshot.current_folder()
    if folder is not None and folder.name in _rejected:
        return None  # logged when it was rejected
    if folder is None:
        logger.info(
            "no match index snapshot in %s: building the index in this process",
            snapshot.snapshot_dir(),
        )
        return None
    started = time.monotonic()
    try:
        state, manifest = snapshot.read_snapshot(
            folder, verify=settings.JOBDESK_MATCH_SNAPSHOT_VERIFY
        )
        if not isinstance(state, LiveIndex):
            raise snapshot.SnapshotError(f"state.pickle holds a {type(state).__name__}")
        if state.day > today:
            raise snapshot.SnapshotError(f"made for {state.day}, after today ({today})")
    except snapshot.SnapshotError as exc:
        logger.warning(
            "match index snapshot %s ignored (%s): building the index in this process",
            folder,
            exc,
        )
        return None
    state.snapshot = folder.name
    state.counted_at = -COUNT_EVERY_SECONDS  # deletions since the snapshot: counted next call
    if settings.JOBDESK_MATCH_SNAPSHOT_VERIFY:
        _check_in_background(folder, manifest)
    logger.info(
        "match index loaded from snapshot %s (built %s; %d seekers, %d vacancies) in %.2f s",
        folder.name,
        manifest.get("built_at"),
        state.index.seekers.live_count,
        state.index.vacancies.live_count,
        time.monotonic() - started,
    )
    return state


_rejected: set[str] = set()  # snapshot versions whose arrays failed their check
_checks: list[threading.Thread] = []


def _check_in_background(folder: Path, manifest: dict[str, Any]) -> None:
    """Check the arrays' checksums on a thread while the index already answers; a failure
    drops the index made from them (the next query builds from the database) and the snapshot
    is not loaded again by this process."""
    from jobdesk.matching import snapshot

    def run() -> None:
        global _live
        try:
            snapshot.check_arrays(folder, manifest)
        except (snapshot.SnapshotError, OSError) as exc:
            logger.warning(
                "match index snapshot %s ignored (%s): building the index in this process",
                folder,
                exc,
            )
            with _lock:
                _rejected.add(folder.name)
                if _live is not None and _live.snapshot == folder.name:
                    _live = None

    thread = threading.Thread(target=run, name="jobdesk-match-snapshot-check", daemon=True)
    _checks.append(thread)
    thread.start()


def wait_for_snapshot_checks(timeout: float | None = None) -> None:
    """Wait for the background checks of loaded snapshots (tests)."""
    while _checks:
        _checks.pop().join(timeout)


def _newer_snapshot(live: LiveIndex, today: datetime.date) -> LiveIndex | None:
    """The current snapshot when it is another one than ``live``'s and fitted later."""
    from jobdesk.matching import snapshot

    folder = snapshot.current_folder()
    if folder is None or folder.name == live.snapshot:
        return None
    fresh = load_index_snapshot(today)
    if fresh is None or (fresh.built_on or fresh.day) < (live.built_on or live.day):
        return None
    return fresh


def _all_seeker_ids() -> set[str]:
    from jobdesk.cases.models import JobSeeker

    return {str(p) for p in JobSeeker.objects.values_list("public_id", flat=True)}


def _upsert_vacancies(live: LiveIndex, query: Q) -> None:
    qs = adapters.vacancy_queryset(live.day).filter(query)
    for record, _pk, path in adapters.vacancy_records(qs, live.day):
        live.vacancy_ids.add(record.id)
        live.index.upsert_vacancy(record)  # removes it when not servable
        if record.servable:
            live.vacancy_office[record.id] = path
        else:
            live.vacancy_office.pop(record.id, None)


def _upsert_seekers(live: LiveIndex, query: Q) -> None:
    from jobdesk.cases.models import JobSeeker

    qs = JobSeeker.objects.filter(query)
    live.seeker_ids |= {str(p) for p in qs.values_list("public_id", flat=True)}
    matchable = _matchable(qs)
    seen_inactive = {str(p) for p in qs.values_list("public_id", flat=True)} - {
        str(p) for p in matchable.values_list("public_id", flat=True)
    }
    for public_id in seen_inactive:
        live.index.remove_seeker(public_id)
        live.seeker_office.pop(public_id, None)
    for profile, _pk, path in adapters.seeker_profiles(matchable):
        live.index.upsert_seeker(profile)
        live.seeker_office[profile.id] = path


def _since(mark: Mark) -> Q:
    return Q(updated_at__gte=mark) if mark is not None else Q()


def _sync(live: LiveIndex, marks: dict[str, Mark]) -> None:
    """Bring ``live`` up to ``marks``: upsert the rows updated since the last marks."""
    old = live.marks
    if marks["vacancy"] != old["vacancy"]:
        _upsert_vacancies(live, _since(old["vacancy"]))
    if marks["employer"] != old["employer"]:
        _upsert_vacancies(live, Q(employer_id__in=_employers_since(old["employer"])))
    if marks["finding"] != old["finding"]:
        _upsert_vacancies(live, Q(pk__in=_findings_since(old["finding"])))
    if marks["seeker"] != old["seeker"]:
        _upsert_seekers(live, _since(old["seeker"]))
    live.marks = marks
    live.syncs += 1


def _reconcile(live: LiveIndex, counts: dict[str, int]) -> None:
    """Drop what was deleted since the last count (ids diffed when a count differs)."""
    if counts["vacancy"] != len(live.vacancy_ids):
        from jobdesk.employers.models import Vacancy

        now = {str(p) for p in Vacancy.objects.values_list("public_id", flat=True)}
        for gone in live.vacancy_ids - now:
            live.index.remove_vacancy(gone)
            live.vacancy_office.pop(gone, None)
        live.vacancy_ids &= now
    if counts["finding"] < live.counts.get("finding", 0):
        _upsert_vacancies(live, Q())  # findings deleted (only by hand; rare): re-check all
    if counts["seeker"] != len(live.seeker_ids):
        now = _all_seeker_ids()
        for gone in live.seeker_ids - now:
            live.index.remove_seeker(gone)
            live.seeker_office.pop(gone, None)
        live.seeker_ids = now
    live.counts = counts
    live.counted_at = time.monotonic()


def _roll_day(live: LiveIndex, today: datetime.date) -> None:
    """Move ``live`` from ``live.day`` to ``today`` (later): re-adapt the vacancies whose
    servability depends on the date and changed in between: closing date passed, or their
    employer's §10 dispute started or ended (``Employer.active_dispute_q``)."""
    old = live.day
    live.day = today
    _upsert_vacancies(
        live,
        Q(closes_on__gte=old, closes_on__lt=today)
        | Q(employer__dispute_started_on__gt=old, employer__dispute_started_on__lte=today)
        | Q(employer__dispute_ended_on__gte=old, employer__dispute_ended_on__lt=today),
    )


def _clock_back(live: LiveIndex, today: datetime.date) -> bool:
    return today < live.day


def _refit_due(live: LiveIndex, today: datetime.date) -> bool:
    """Re-fit the text model (a rebuild) when the index is ``JOBDESK_MATCH_REFIT_DAYS`` old."""
    built_on = live.built_on or live.day
    return (today - built_on).days >= settings.JOBDESK_MATCH_REFIT_DAYS


def _employers_since(mark: Mark) -> Any:
    from jobdesk.employers.models import Employer

    return Employer.objects.filter(_since(mark)).values("pk")


def _findings_since(mark: Mark) -> Any:
    from jobdesk.employers.models import VacancyFinding

    return VacancyFinding.objects.filter(_since(mark)).values("vacancy_id")


def get_index() -> LiveIndex:
    """The process's index, fresh: built on first use, synced with the database on every call.

    A due re-fit is built on a background thread while the current index keeps serving
    (``JOBDESK_MATCH_BACKGROUND_REFIT``; otherwise in the caller, as the first build is)."""
    global _live
    with _lock:
        marks = _marks()
        today = timezone.localdate()
        if _live is None or _clock_back(_live, today):
            _rebuild(today)
            assert _live is not None
            if _live.snapshot is None:
                return _live
        elif _live.day != today and (newer := _newer_snapshot(_live, today)) is not None:
            newer.builds = _live.builds + 1
            _live = newer
        _catch_up(_live, today, marks)
        if _refit_due(_live, today):
            if settings.JOBDESK_MATCH_BACKGROUND_REFIT:
                _start_refit()
            else:
                _rebuild(today)
                if _live.snapshot is not None:
                    _catch_up(_live, today, _marks())
        assert _live is not None
        return _live


def _catch_up(live: LiveIndex, today: datetime.date, marks: dict[str, Mark]) -> None:
    """Bring ``live`` (synced at its marks, counted at its counts) up to today and ``marks``:
    the live deltas on top of a snapshot, or of this process's previous call."""
    if live.day != today:
        _roll_day(live, today)
    if marks != live.marks:
        _sync(live, marks)
    if time.monotonic() - live.counted_at >= COUNT_EVERY_SECONDS:
        _reconcile(live, _counts())


_refit_thread: threading.Thread | None = None
_generation = 0  # bumped by reset_index(): a re-fit started before is thrown away


def _rebuild(today: datetime.date | None = None) -> None:
    """Build in the caller (holding ``_lock``): from the snapshot when there is one to use (and,
    for a re-fit, one fitted after the current index), else from the database."""
    global _live
    builds = _live.builds + 1 if _live is not None else 1
    today = timezone.localdate() if today is None else today
    fresh = None
    if _live is None or _clock_back(_live, today):
        fresh = load_index_snapshot(today)
    else:
        fresh = _newer_snapshot(_live, today)
    _live = fresh if fresh is not None else build_index()
    _live.builds = builds


def _start_refit() -> None:
    """Start the background re-fit unless one is running (holding ``_lock``)."""
    global _refit_thread
    if _refit_thread is not None and _refit_thread.is_alive():
        return
    _refit_thread = threading.Thread(
        target=_refit, args=(_generation,), name="jobdesk-match-refit", daemon=True
    )
    _refit_thread.start()


def _refit(generation: int) -> None:
    """Build a fresh index from the database, then swap it in. Its marks are those read before
    its rows, so what changed during the build is synced by the next query."""
    global _live
    try:
        current = _live
        fresh = None if current is None else _newer_snapshot(current, timezone.localdate())
        if fresh is None:
            fresh = build_index()
    except Exception:  # the current index keeps serving; the next query tries again
        logger.exception("background re-fit of the match index failed")
        return
    finally:
        connections.close_all()  # this thread's own database connections
    with _lock:
        if generation != _generation:
            return
        fresh.builds = (_live.builds if _live is not None else 0) + 1
        _live = fresh


def warm_in_background() -> threading.Thread:
    """Build this process's index on a thread now, so the first match page does not wait for
    it: call it in each worker once it has started (gunicorn's ``post_worker_init`` hook, see
    docs/scaling.md), never before a fork (a lock held across ``fork`` stays held)."""

    def run() -> None:
        try:
            get_index()
        except Exception:
            logger.exception("warming the match index failed; the first query builds it")
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="jobdesk-match-warm", daemon=True)
    thread.start()
    return thread


def wait_for_refit(timeout: float | None = None) -> None:
    """Wait for a running background re-fit (tests, shutdown)."""
    thread = _refit_thread
    if thread is not None:
        thread.join(timeout)


def reset_index() -> None:
    """Forget the index (tests; after a taxonomy reload). The next query rebuilds it."""
    global _live, _generation
    wait_for_snapshot_checks()
    with _lock:
        _live = None
        _generation += 1
        _rejected.clear()


def _after_commit(fn: Callable[[LiveIndex], None]) -> None:
    def run() -> None:
        with _lock:
            if _live is not None:
                fn(_live)

    transaction.on_commit(run)


def refresh_vacancy(vacancy: Any) -> None:
    """Call after a vacancy is created, edited, opened or closed: visible to the next query."""
    pk = vacancy.pk
    _after_commit(lambda live: _upsert_vacancies(live, Q(pk=pk)))


def refresh_employer(employer: Any) -> None:
    """Call after an employer's dispute flag changed: its vacancies are re-checked."""
    pk = employer.pk
    _after_commit(lambda live: _upsert_vacancies(live, Q(employer_id=pk)))


def refresh_seeker(seeker: Any) -> None:
    """Call after a job seeker is registered, edited, activated or deactivated."""
    pk = seeker.pk
    _after_commit(lambda live: _upsert_seekers(live, Q(pk=pk)))
