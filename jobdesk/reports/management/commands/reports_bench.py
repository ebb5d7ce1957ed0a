"""``jobdesk reports-bench``: time the report queries on synthetic rows (a benchmark, not a test).

Creates, in its own office tree (codes starting BENCH: a branch and ``--centres`` centres of
``--staff`` counsellors each), ``--cases`` cases spread over the centres and the last 12
months with their seekers, a vacancy per 5 cases, a recommendation per 2 cases (a quarter of
them started), and 3 service records per case, written with ``bulk_create`` (fast; these rows
are synthetic and never shown as real work). Then times, ``--repeat`` times each: the month's
indicators of the centre, the 12-month trend, the practice matrix over 6 months and a drill-down
page's rows; prints p50 and p95 in milliseconds. ``--keep`` leaves the rows for a second run
(the rows are encrypted with the development key derived from the project directory: run it
again from the same directory). ``--figures`` measures again after storing the ended months'
figures (two offices) and the practice and workload aggregates (every office); the
aggregates are cleared before the first measurement and after the second.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

BATCH = 5_000


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
    return statistics.median(runs), p95


def _trend_month_by_month(scope: Any, month: Any) -> None:
    from jobdesk.reports import indicators
    from jobdesk.reports.views.trends import CHARTS, MONTHS

    keys = {k for _slug, _title, ks in CHARTS for k in ks}
    for period in month.months_back(MONTHS):
        cache: dict[str, Any] = {}
        for key in keys:
            indicators.evaluate(indicators.BY_KEY[key], scope, period, cache)


def _get(path: str, user: Any) -> None:
    """One page as ``user`` opens it: resolved, the view called, the response rendered."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory
    from django.urls import resolve

    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    match = resolve(request.path)
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    if hasattr(response, "render"):
        response.render()


class Command(BaseCommand):
    help = "報表查詢效能基準（合成資料，非測試）：統計指標、逐月趨勢、職能實踐、明細。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=20_000)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--keep", action="store_true", help="保留合成資料")
        parser.add_argument(
            "--figures", action="store_true", help="另以彙整之已結束月份數字再量一次"
        )
        parser.add_argument("--make-only", action="store_true", help="只重建合成資料並保留，不量測")
        parser.add_argument(
            "--running",
            action="store_true",
            help="本月：即時計算與本月彙整（--running）並列量測（分署層級，已結束月份已彙整）",
        )
        parser.add_argument("--centres", type=int, default=1, help="就業中心數（個案平均分配）")
        parser.add_argument("--staff", type=int, default=20, help="每個就業中心的就業服務人員數")

    def handle(self, *args: Any, **options: Any) -> None:
        from jobdesk.accounts.models import Office, User

        remake = options["make_only"] or not Office.objects.filter(code="BENCH").exists()
        if remake or not options["keep"]:
            self._clear()
            started = time.perf_counter()
            self._make(options["cases"], options["centres"], options["staff"])
            from django.db import connection

            if connection.vendor == "postgresql":
                # fresh bulk-loaded tables have no statistics: the planner's first guesses
                # over a million rows stalled a run for minutes (2026-12-04)
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(
                f"合成資料 {options['cases']} 件個案：{time.perf_counter() - started:.1f} 秒"
            )
        if options["make_only"]:
            return
        if options["running"]:
            self._running(options["repeat"])
            return
        from jobdesk.reports import aggregates

        aggregates.clear()  # "counted": every month from the rows
        viewers = (("bench-supervisor", "BENCH-C"), ("bench-branch", "BENCH"))
        for username, code in viewers:
            office = Office.objects.get(code=code)
            self._measure(User.objects.get(username=username), office, options["repeat"])
        if options["figures"]:
            from jobdesk.reports import figures
            from jobdesk.reports.models import MonthFigures

            offices = list(Office.objects.filter(code__in=[code for _u, code in viewers]))
            started = time.perf_counter()
            figures.refresh(months=12, offices=offices)
            self.stdout.write(
                f"彙整 12 個已結束月份（{len(offices)} 個據點）："
                f"{time.perf_counter() - started:.1f} 秒"
            )
            started = time.perf_counter()
            aggregates.refresh(months=12)
            self.stdout.write(
                f"彙整 12 個已結束月份之職能實踐與工作量："
                f"{time.perf_counter() - started:.1f} 秒；以下讀彙整數字"
            )
            for username, code in viewers:
                office = Office.objects.get(code=code)
                self._measure(User.objects.get(username=username), office, options["repeat"])
            MonthFigures.objects.filter(office__in=offices).delete()
            aggregates.clear()
        if not options["keep"]:
            self._clear()

    def _running(self, repeat: int) -> None:
        """The running month at the branch, ended months stored: counted live, then read from a
        fresh ``report-figures --running`` snapshot, page by page in one run."""
        from jobdesk.accounts.models import Office, User
        from jobdesk.reports import aggregates, figures
        from jobdesk.reports.models import MonthFigures
        from jobdesk.reports.periods import Period

        office = Office.objects.get(code="BENCH")
        user = User.objects.get(username="bench-branch")
        MonthFigures.objects.filter(office=office).delete()
        aggregates.clear()
        started = time.perf_counter()
        figures.refresh(months=11, offices=[office])
        aggregates.refresh(months=11)
        self.stdout.write(f"彙整 11 個已結束月份：{time.perf_counter() - started:.1f} 秒")
        month = Period.this_month()
        query = f"office={office.code}&month={month.key}"
        pages = (
            ("統計指標", f"/reports/indicators/?{query}"),
            ("逐月趨勢（12 個月）", f"/reports/trends/?{query}"),
            ("職能實踐（6 個月）", f"/reports/practice/?{query}&months=6"),
            ("工作量", f"/reports/workload/?{query}"),
        )
        found: dict[str, list[tuple[float, float]]] = {label: [] for label, _p in pages}
        for step in ("live", "stored"):
            if step == "stored":
                started = time.perf_counter()
                figures.refresh_running_month([office])
                self.stdout.write(f"彙整本月（--running）：{time.perf_counter() - started:.1f} 秒")
            for label, path in pages:
                _get(path, user)
                found[label].append(_timed(partial(_get, path, user), repeat))
        self.stdout.write(f"{office.name}，{month.label}（本月），毫秒 p50 / p95：即時 | 本月彙整")
        for label, ((a50, a95), (b50, b95)) in found.items():
            self.stdout.write(f"  {label}: {a50:.0f} / {a95:.0f} | {b50:.0f} / {b95:.0f}")
        MonthFigures.objects.filter(office=office).delete()
        aggregates.clear()

    def _measure(self, supervisor: Any, office: Any, repeat: int) -> None:
        from jobdesk.cases.models import Case
        from jobdesk.reports.periods import Period
        from jobdesk.reports.scope import ReportScope

        scope = ReportScope(supervisor, office)
        month = Period.this_month().previous()
        cases = Case.objects.filter(office__in=scope.office_ids()).count()
        self.stdout.write(f"{office.name}（{cases} 件個案），{month.label}，毫秒：")
        # the pages (view, queries, template, access log), as the supervisor opens them
        query = f"office={office.code}&month={month.key}"
        for label, path in (
            ("統計指標", f"/reports/indicators/?{query}"),
            ("逐月趨勢（12 個月）", f"/reports/trends/?{query}"),
            ("職能實踐（6 個月）", f"/reports/practice/?{query}&months=6"),
            ("明細第 1 頁：新登記求職人數", f"/reports/indicators/new_seekers/?{query}"),
            ("工作量", f"/reports/workload/?{query}"),
            ("結案報告", f"/reports/closures/?{query}"),
        ):
            _get(path, supervisor)  # once untimed: templates compiled, as in a warm server
            p50, p95 = _timed(partial(_get, path, supervisor), repeat)
            self.stdout.write(f"  {label}: p50 {p50:.0f}, p95 {p95:.0f}")
        # the baseline, in the same run: the trend's figures month by month (the way before)
        p50, p95 = _timed(lambda: _trend_month_by_month(scope, month), repeat)
        self.stdout.write(
            f"  基準：逐月趨勢的數字逐月計算（舊法，不含頁面）: p50 {p50:.0f}, p95 {p95:.0f}"
        )

    @transaction.atomic
    def _clear(self) -> None:
        from jobdesk.accounts.models import Office, User
        from jobdesk.audit.models import AccessEvent, AuditEvent
        from jobdesk.cases.models import Activity, Case, JobSeeker
        from jobdesk.employers.models import Employer, Vacancy
        from jobdesk.matching.models import Recommendation

        offices = Office.objects.filter(code__startswith="BENCH")
        for model in (Activity, Recommendation, Case, JobSeeker, Vacancy, Employer, AuditEvent):
            model._default_manager.filter(office__in=offices).delete()
        # the pages timed logged their reads as the synthetic supervisors: the bench's own rows
        AccessEvent.objects.filter(actor__username__startswith="bench-").delete()
        User.objects.filter(username__startswith="bench-").delete()
        offices.filter(parent__isnull=False).delete()
        offices.delete()

    def _make(self, count: int, centres: int, staff_per_centre: int) -> None:
        from jobdesk.accounts.models import Office, OfficeKind, User
        from jobdesk.accounts.roles import Role
        from jobdesk.reports.periods import Period, local_zone
        from jobdesk.taxonomy.models import Township

        rng = random.Random(12)  # noqa: S311 - synthetic data, not secrets
        root = Office.objects.create(code="BENCH", name="基準分署", kind=OfficeKind.BRANCH)
        User.objects.create_user("bench-branch", role=Role.SUPERVISOR, office=root)
        township = Township.objects.first()
        now = timezone.now()
        zone = local_zone()

        # each of the last 12 months holds a twelfth of the rows, the running month too (its
        # days so far), so the running month is measured at the size of a whole month
        this = Period.this_month()
        months = [(p.bounds(), p == this) for p in this.months_back(12)]

        def when() -> datetime.datetime:
            (start, end), running = rng.choice(months)
            end = min(end, now) if running else end
            return (start + (end - start) * rng.random()).astimezone(zone)

        for number in range(centres):
            code = "BENCH-C" if number == 0 else f"BENCH-C{number}"
            centre = Office.objects.create(
                code=code, name=f"基準就業中心{number}", kind=OfficeKind.CENTRE, parent=root
            )
            if number == 0:
                User.objects.create_user("bench-supervisor", role=Role.SUPERVISOR, office=centre)
            staff = [
                User.objects.create_user(f"bench-{code}-{i}", role=Role.COUNSELLOR, office=centre)
                for i in range(staff_per_centre)
            ]
            share = count // centres + (1 if number < count % centres else 0)
            self._make_centre(centre, staff, share, rng, when, township)
            self.stdout.write(f"  {code}: {share} 件個案")

    def _make_centre(
        self,
        centre: Any,
        staff: list[Any],
        count: int,
        rng: random.Random,
        when: Callable[[], datetime.datetime],
        township: Any,
    ) -> None:
        from jobdesk.cases.models import Activity, Case, JobSeeker
        from jobdesk.employers.models import Employer, Vacancy
        from jobdesk.matching.models import Recommendation

        first = JobSeeker.objects.count()
        seekers = [
            JobSeeker(
                office=centre,
                name=f"基準{first + i}",
                national_id_encrypted=f"B{first + i:09d}",
                national_id_hash=f"bench-{first + i}",
                national_id_masked="B12****000",
                id_kind="bench",
                township=township,
            )
            for i in range(count)
        ]
        JobSeeker.objects.bulk_create(seekers, batch_size=BATCH)
        seekers = list(JobSeeker.objects.filter(office=centre).order_by("pk"))
        cases = [
            Case(
                office=centre,
                seeker=s,
                counsellor=rng.choice(staff),
                opened_at=when(),
            )
            for s in seekers
        ]
        Case.objects.bulk_create(cases, batch_size=BATCH)
        cases = list(Case.objects.filter(office=centre).order_by("pk"))
        employer = Employer.objects.create(office=centre, name="基準公司", name_key="基準公司")
        vacancies = [
            Vacancy(
                office=centre,
                employer=employer,
                title=f"職缺{i}",
                headcount=rng.randint(1, 4),
                status="open",
            )
            for i in range(max(1, count // 5))
        ]
        Vacancy.objects.bulk_create(vacancies, batch_size=BATCH)
        vacancies = list(Vacancy.objects.filter(office=centre))
        recs = []
        for case in cases[::2]:
            at = case.opened_at + datetime.timedelta(days=rng.uniform(0, 20))
            started = rng.random() < 0.25
            recs.append(
                Recommendation(
                    office=centre,
                    seeker_id=case.seeker_id,
                    case=case,
                    vacancy=rng.choice(vacancies),
                    counsellor_id=case.counsellor_id,
                    status="started" if started else "not_hired",
                    reply_reason="" if started else rng.choice(["skills", "pay", "location"]),
                    consent_given=True,
                    consent_recorded_by_id=case.counsellor_id,
                    consent_recorded_at=at,
                    recommended_at=at,
                    replied_at=at + datetime.timedelta(days=5),
                    start_date=(at + datetime.timedelta(days=10)).date() if started else None,
                )
            )
        Recommendation.objects.bulk_create(recs, batch_size=BATCH)
        tasks = [("T1.2", ["P1.2.1", "P1.2.3"]), ("T3.2", ["P3.2.2"]), ("T3.4", ["P3.4.1"])]
        activities = [
            Activity(
                office=centre,
                case=case,
                recorded_by_id=case.counsellor_id,
                kind="interview",
                task_code=task,
                indicator_codes=codes,
                occurred_at=case.opened_at + datetime.timedelta(days=rng.uniform(0, 30)),
                duration_minutes=30,
                notes="基準",
            )
            for case in cases
            for task, codes in tasks
        ]
        Activity.objects.bulk_create(activities, batch_size=BATCH)
