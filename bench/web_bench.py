"""Pages at national scale, served by the production server (``make bench-web``).

    DATABASE_URL=postgres://…/jd_bench python -m bench.web_bench [--seekers 1000000]
        [--open 150000] [--vacancies 100000] [--offices 5] [--repeat 30] [--budget-s 3600]
        [--generate-only] [--no-generate] [--index] [--workers N] [--json FILE]

1. Generates the data on ``DATABASE_URL`` (a database of its own: ``bench.web_data``; resumable,
   skipped when it is there; stops at ``--budget-s`` and says so: run again to go on).
2. Starts ``jobdesk serve`` (gunicorn, the shipped configuration, one sync worker) on a free port
   of 127.0.0.1, logs a counsellor and a supervisor in through the login form, waits for the
   worker's match index (first-match latency and the worker's RSS are printed), then requests
   each page ``--repeat`` times in turn (sequential: one request at a time, 127.0.0.1 only).
3. Beside each page: the same page's SQL, captured by rendering it once in this process, replayed
   bare on a database cursor (its SELECTs, the same number of times), and the query count.

``--index`` measures the match index instead of the pages: a fresh server of ``--workers`` sync
workers, first with no snapshot (each worker builds its own index from the database), then with
the snapshot ``jobdesk build-match-index`` writes (each worker maps it): the first matching page
after start, the matching page's p50/p95, and each worker's VmRSS and Pss (smaps_rollup: a page
shared by n processes counts 1/n) once their indexes are warm.

A benchmark, not a test: it prints figures and asserts nothing but HTTP 200.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesk.settings")
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ.setdefault("DEBUG", "0")
SHARED = Path(os.environ.get("JOBDESK_SHARED", str(REPO.parent / "shared")))

TARGET_P95_MS = 150.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _say(text: str) -> None:
    print(text, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """A cookie-keeping HTTP client for 127.0.0.1 (nothing else is ever requested)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, timeout: float = 600
    ) -> tuple[int, bytes, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, payload, {k.lower(): v for k, v in response.getheaders()}

    def login(self, username: str, password: str) -> None:
        status, page, _ = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200, status
        assert token is not None
        status, _, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token[1].decode()},
        )
        assert status == 302, f"login of {username}: HTTP {status}"


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (/proc/PID/status) and Pss, Shared_*, Private_* (/proc/PID/smaps_rollup): Pss
    counts a page shared by n processes as 1/n, so the sum of the workers' Pss is what they
    take together."""
    out = {"rss": _rss_kb(pid)}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in {"Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty"}:
                out[name.lower()] = int(rest.split()[0])
    except OSError:
        pass
    return out


def _worker_pids(master: int) -> list[int]:
    found = []
    for child in Path("/proc").iterdir():
        if not child.name.isdigit():
            continue
        try:
            stat = (child / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            found.append(int(child.name))
    return found


@dataclass
class Page:
    label: str
    path: str
    params: dict[str, str]

    @property
    def url(self) -> str:
        return self.path + (("?" + urlencode(self.params)) if self.params else "")


def _pages(user: Any, staff: Any) -> list[Page]:
    from django.urls import reverse

    from jobdesk.cases.selectors import caseload_cases

    case = caseload_cases(user).select_related("seeker").order_by("pk").first()
    assert case is not None, f"{user} has no open case"
    given = case.seeker.name[1:]  # a given name of two characters
    return [
        Page("caseload", reverse("cases:caseload"), {}),
        Page("caseload, overdue", reverse("cases:caseload"), {"due": "overdue"}),
        Page("caseload, by name", reverse("cases:caseload"), {"sort": "name"}),
        Page("home panel", reverse("cases:caseload_panel"), {}),
        Page(f"seeker search {given}", reverse("cases:seeker_list"), {"q": given}),
        Page("vacancy keyword 倉儲", reverse("employers:vacancy_list"), {"q": "倉儲"}),
        Page("vacancy keyword 會計", reverse("employers:vacancy_list"), {"q": "會計"}),
        Page("case detail", reverse("cases:case_detail", args=[case.public_id]), {}),
        Page("home", reverse("home"), {}),
        Page(
            "matching",
            reverse("matching:seeker_matches", args=[case.seeker.public_id]),
            {},
        ),
        # the same with the unrelated vacancies listed too: a full page of 20 matches, each with
        # its reasons (the seeker above has no desired occupation: its default page lists none)
        Page(
            "matching, widened",
            reverse("matching:seeker_matches", args=[case.seeker.public_id]),
            {"widen": "on"},
        ),
    ]


def _bare_sql(user: Any, page: Page, repeat: int) -> tuple[int, float, float]:
    """Render ``page`` in this process (once to warm, once to capture its SQL), then replay its
    SELECTs bare on a cursor."""
    from django.db import connection
    from django.test import Client

    captured: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    client = Client()
    client.force_login(user)
    client.get(page.path, page.params)  # warm: the match index of this process, caches
    with connection.execute_wrapper(capture):
        response = client.get(page.path, page.params)
    assert response.status_code == 200, (page.label, response.status_code)
    selects = [(s, p) for s, p in captured if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            for sql, params in selects:
                cursor.execute(sql, params)
                cursor.fetchall()
            samples.append((time.perf_counter() - t0) * 1000)
    samples = samples[1:]
    return len(captured), statistics.median(samples), _percentile(samples, 0.95)


def _serve(
    port: int, workers: int, warm: bool = True, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = dict(os.environ) | (extra_env or {})
    if not warm:
        env["JOBDESK_MATCH_WARM"] = "0"
    env.update(
        {
            "JOBDESK_BIND": f"127.0.0.1:{port}",
            "JOBDESK_WEB_WORKERS": str(workers),
            "JOBDESK_ACCESS_LOG": "",
            "LOG_LEVEL": "WARNING",
            "JOBDESK_WEB_TIMEOUT": "600",  # the first index build of a worker at 1M is long
        }
    )
    return subprocess.Popen([sys.executable, "-m", "jobdesk", "serve"], env=env, cwd=REPO)


def _wait_up(port: int, deadline_s: float = 60) -> None:
    end = time.perf_counter() + deadline_s
    while time.perf_counter() < end:
        try:
            status, _, _ = Browser(port).request("GET", "/healthz", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def measure(args: argparse.Namespace, staff: Any) -> dict[str, Any]:
    from bench.web_data import PASSWORD

    counsellor = staff.counsellors[staff.offices[0].pk][0]
    supervisor = staff.supervisors[0]
    port = _free_port()
    started = time.perf_counter()
    server = _serve(port, args.workers, warm=not args.no_matching)
    result: dict[str, Any] = {"pages": []}
    try:
        _wait_up(port)
        up_s = time.perf_counter() - started
        browsers = {}
        for user in (counsellor, supervisor):
            browsers[user.pk] = Browser(port)
            browsers[user.pk].login(user.username, PASSWORD)
        # The worker warms its match index at start (post_worker_init); the first matching
        # request waits for it if it is not done.
        first_match_s = 0.0
        if not args.no_matching:
            first = _pages(counsellor, staff)[-2]
            t0 = time.perf_counter()
            status, _, _ = browsers[counsellor.pk].request("GET", first.url)
            first_match_s = time.perf_counter() - t0
            assert status == 200, status
        workers = _worker_pids(server.pid)
        rss = {pid: _rss_kb(pid) for pid in workers}
        result.update(
            server_up_s=round(up_s, 2),
            first_match_s=round(first_match_s, 2),
            first_match_after_start_s=round(time.perf_counter() - started, 2),
            worker_rss_mb=[round(v / 1024) for v in rss.values()],
        )
        _say(
            f"server up in {up_s:.1f} s; first matching page {first_match_s:.1f} s after login "
            f"({result['first_match_after_start_s']:.1f} s after start); worker RSS "
            f"{', '.join(f'{v} MB' for v in result['worker_rss_mb'])}"
        )
        header = (
            f"{'persona':11s} {'page':26s} {'p50 ms':>7s} {'p95 ms':>7s} "
            f"{'SQL p50':>8s} {'SQL p95':>8s} {'queries':>7s} {'KB':>6s}"
        )
        _say(header)
        for persona, user in (("counsellor", counsellor), ("supervisor", supervisor)):
            browser = browsers[user.pk]
            for page in _pages(user, staff):
                if args.no_matching and page.label.startswith("matching"):
                    continue
                samples = []
                size = 0
                for i in range(args.repeat + 2):
                    t0 = time.perf_counter()
                    status, body, _ = browser.request("GET", page.url)
                    elapsed = (time.perf_counter() - t0) * 1000
                    assert status == 200, (page.label, status)
                    size = len(body)
                    if i >= 2:  # two warm-up requests
                        samples.append(elapsed)
                queries, sql50, sql95 = _bare_sql(user, page, args.repeat)
                row: dict[str, Any] = {
                    "persona": persona,
                    "page": page.label,
                    "p50_ms": round(statistics.median(samples), 1),
                    "p95_ms": round(_percentile(samples, 0.95), 1),
                    "sql_p50_ms": round(sql50, 1),
                    "sql_p95_ms": round(sql95, 1),
                    "queries": queries,
                    "kb": round(size / 1024, 1),
                }
                result["pages"].append(row)
                flag = "" if row["p95_ms"] <= TARGET_P95_MS else "  > target"
                _say(
                    f"{persona:11s} {page.label:26s} {row['p50_ms']:7.1f} {row['p95_ms']:7.1f} "
                    f"{row['sql_p50_ms']:8.1f} {row['sql_p95_ms']:8.1f} {queries:7d} "
                    f"{row['kb']:6.1f}{flag}"
                )
        result["worker_rss_mb_after"] = [
            round(_rss_kb(pid) / 1024) for pid in _worker_pids(server.pid)
        ]
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    return result


def _steady(pids: list[int], quiet_s: float = 4.0, limit_s: float = 900) -> None:
    """Wait until no worker's RSS moved by more than 1 % over ``quiet_s`` (their match index
    warmed: built or mapped)."""
    end = time.perf_counter() + limit_s
    before = {pid: _rss_kb(pid) for pid in pids}
    while time.perf_counter() < end:
        time.sleep(quiet_s)
        now = {pid: _rss_kb(pid) for pid in pids}
        if all(abs(now[p] - before[p]) <= 0.01 * max(before[p], 1) for p in pids):
            return
        before = now


def measure_index(args: argparse.Namespace, staff: Any) -> dict[str, Any]:
    """A fresh server's first matching page and its workers' memory, without and with the match
    index snapshot, in one run (``--index``)."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from django.core.management import call_command

    from bench.web_data import PASSWORD
    from jobdesk.matching import snapshot

    counsellor = staff.counsellors[staff.offices[0].pk][0]
    page = _pages(counsellor, staff)[-2]
    assert page.label == "matching"
    out: dict[str, Any] = {"workers": args.workers, "warm": not args.no_warm}
    with tempfile.TemporaryDirectory(prefix="jobdesk-bench-index-") as tmp:
        for mode in args.index_modes:
            folder = Path(tmp) / mode
            row: dict[str, Any] = {}
            if mode == "snapshot":
                t0 = time.perf_counter()
                from django.test import override_settings

                with override_settings(JOBDESK_MATCH_SNAPSHOT_DIR=folder):
                    call_command("build_match_index", verbosity=0)
                    current = snapshot.current_folder()
                assert current is not None
                row["snapshot_build_s"] = round(time.perf_counter() - t0, 1)
                row["snapshot_mb"] = round(sum(p.stat().st_size for p in current.iterdir()) / 2**20)
            port = _free_port()
            started = time.perf_counter()
            server = _serve(
                port,
                args.workers,
                warm=not args.no_warm,
                extra_env={"JOBDESK_MATCH_SNAPSHOT_DIR": str(folder)},
            )
            try:
                _wait_up(port)
                row["server_up_s"] = round(time.perf_counter() - started, 2)
                browser = Browser(port)
                browser.login(counsellor.username, PASSWORD)
                t0 = time.perf_counter()
                status, _, _ = browser.request("GET", page.url)
                assert status == 200, status
                row["first_match_s"] = round(time.perf_counter() - t0, 2)
                row["first_match_after_start_s"] = round(time.perf_counter() - started, 2)
                pids = _worker_pids(server.pid)
                with ThreadPoolExecutor(len(pids) * 2) as pool:  # every worker answers one
                    codes = list(
                        pool.map(
                            lambda _i, b=browser: b.request("GET", page.url)[0],
                            range(len(pids) * 4),
                        )
                    )
                assert set(codes) == {200}, codes
                _steady(pids)
                samples = []
                for _ in range(args.repeat):
                    t1 = time.perf_counter()
                    assert browser.request("GET", page.url)[0] == 200
                    samples.append((time.perf_counter() - t1) * 1000)
                row["match_p50_ms"] = round(statistics.median(samples), 1)
                row["match_p95_ms"] = round(_percentile(samples, 0.95), 1)
                mem = [_memory_kb(pid) for pid in pids]
                row["rss_mb"] = [round(m["rss"] / 1024) for m in mem]
                row["pss_mb"] = [round(m.get("pss", 0) / 1024) for m in mem]
                row["shared_mb"] = [
                    round((m.get("shared_clean", 0) + m.get("shared_dirty", 0)) / 1024) for m in mem
                ]
                row["private_mb"] = [
                    round((m.get("private_clean", 0) + m.get("private_dirty", 0)) / 1024)
                    for m in mem
                ]
                row["pss_total_mb"] = sum(row["pss_mb"])
            finally:
                server.terminate()
                try:
                    server.wait(30)
                except subprocess.TimeoutExpired:
                    server.kill()
            out[mode] = row
            _say(f"match index from the {mode}: {json.dumps(row)}")
    _say(
        f"{'index':9s} {'first match s':>13s} {'after start s':>13s} {'match p50':>9s} "
        f"{'p95':>6s} {'RSS MB/worker':>14s} {'Pss MB/worker':>14s} {'Pss total':>9s}"
    )
    for mode in args.index_modes:
        r = out[mode]
        _say(
            f"{mode:9s} {r['first_match_s']:13.2f} {r['first_match_after_start_s']:13.2f} "
            f"{r['match_p50_ms']:9.1f} {r['match_p95_ms']:6.1f} "
            f"{'/'.join(map(str, r['rss_mb'])):>14s} {'/'.join(map(str, r['pss_mb'])):>14s} "
            f"{r['pss_total_mb']:9d}"
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=150_000, help="open cases among them")
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--offices", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--budget-s", type=float, default=3600, help="for the generation")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--no-generate", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--index",
        action="store_true",
        help="only the match index: first match and memory of a fresh server (--workers "
        "workers) without and with the snapshot",
    )
    parser.add_argument(
        "--no-warm",
        action="store_true",
        help="with --index: workers do not warm their index at start, so the first matching "
        "page loads (snapshot) or builds it itself: its latency is a fresh worker's",
    )
    parser.add_argument(
        "--index-modes",
        nargs="+",
        choices=("database", "snapshot"),
        default=["database", "snapshot"],
        help="with --index: which of the two to measure (snapshot alone: no 2.6 GB builds)",
    )
    parser.add_argument(
        "--no-matching",
        action="store_true",
        help="leave out the matching page (and the workers' index warm-up): a quick re-run",
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        _say("DATABASE_URL is not set: the benchmark needs a PostgreSQL database of its own.")
        sys.exit(2)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import web_data
    from jobdesk.cases.models import Case, JobSeeker
    from jobdesk.employers.models import Vacancy
    from jobdesk.taxonomy.loader import load_taxonomies

    call_command("migrate", verbosity=0)
    if not JobSeeker.objects.exists():
        load_taxonomies()
    staff = web_data.ensure_staff(args.offices)
    deadline = time.perf_counter() + args.budget_s
    if not args.no_generate:
        t0 = time.perf_counter()
        per_mille = round(1000 * args.open / max(args.seekers, 1))
        complete = (
            web_data.make_seekers(staff, args.seekers, deadline, _say)
            and web_data.make_cases(staff, per_mille, deadline, _say)
            and web_data.make_vacancies(staff, args.vacancies, SHARED, deadline, _say)
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # as autovacuum would do after a bulk load: statistics, and the visibility map
                # that lets counts read their index only
                cursor.execute("VACUUM ANALYZE")
        _say(f"generation: {time.perf_counter() - t0:.0f} s this run")
        if not complete:
            _say("the time budget is spent before the data is complete: run again to go on")
            sys.exit(3)
    offices = staff.offices
    sizes = {
        "seekers": JobSeeker.objects.filter(office__in=offices).count(),
        "cases": Case.objects.filter(office__in=offices).count(),
        "open_cases": Case.objects.filter(office__in=offices).exclude(status="closed").count(),
        "vacancies": Vacancy.objects.filter(office__in=offices).count(),
        "database": connection.vendor,
    }
    _say(
        f"== {sizes['seekers']:,} seekers, {sizes['cases']:,} cases ({sizes['open_cases']:,} "
        f"open) over {len(offices)} offices, {sizes['vacancies']:,} vacancies on "
        f"{connection.vendor}"
    )
    if args.generate_only:
        return
    if args.index:
        result = measure_index(args, staff) | {"sizes": sizes}
    else:
        result = measure(args, staff) | {"sizes": sizes}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
