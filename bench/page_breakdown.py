"""Where a matching page's time goes, in this process (docs/scaling.md).

    DATABASE_URL=postgres://…/jd_bench python -m bench.page_breakdown ["matching, widened"]
        [--persona counsellor|supervisor] [--repeat 30]

On the data of ``bench.web_bench`` (generated there), renders one of its pages with Django's
test client, signed in as the bench's counsellor or supervisor, and times its parts by wrapping
them: the view, ``match_vacancies``, the staleness check (``get_index``), the engine's
``top_vacancies``, the access log's ``record_access``, the batch suggestions, the last run,
``render`` and the SQL (every query, by an execute wrapper). Prints p50/p95 of each over
``--repeat`` requests after two warm-ups. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesk.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

PARTS = [
    "total",
    "view",
    "match_vacancies",
    "get_index (staleness check)",
    "engine top_vacancies",
    "record_access",
    "batch_suggestions",
    "latest_run",
    "render",
    "sql",
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="matching, widened")
    parser.add_argument("--persona", choices=("counsellor", "supervisor"), default="counsellor")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench import web_data
    from bench.web_bench import _pages, _percentile
    from jobdesk.domain.matching import index as engine
    from jobdesk.matching import selectors, views

    spent: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0

        return wrapper

    selectors.get_index = timed("get_index (staleness check)", selectors.get_index)  # type: ignore[assignment]
    engine.MatchIndex.top_vacancies = timed(  # type: ignore[method-assign]
        "engine top_vacancies", engine.MatchIndex.top_vacancies
    )
    views.record_access = timed("record_access", views.record_access)
    views.render = timed("render", views.render)
    selectors.batch_suggestions_for_seeker = timed(  # type: ignore[assignment]
        "batch_suggestions", selectors.batch_suggestions_for_seeker
    )
    selectors.latest_run = timed("latest_run", selectors.latest_run)  # type: ignore[assignment]
    selectors.match_vacancies = timed("match_vacancies", selectors.match_vacancies)  # type: ignore[assignment]
    views.seeker_matches = timed("view", views.seeker_matches)

    staff = web_data.ensure_staff(5)
    user = (
        staff.counsellors[staff.offices[0].pk][0]
        if args.persona == "counsellor"
        else staff.supervisors[0]
    )
    page = next(p for p in _pages(user, staff) if p.label == args.page)
    client = Client()
    client.force_login(user)
    for _ in range(2):
        client.get(page.path, page.params)
    sql = [0.0]

    def capture(execute: Any, s: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(s, params, many, context)
        finally:
            sql[0] += time.perf_counter() - t0

    samples: list[dict[str, float]] = []
    size = 0
    for _ in range(args.repeat):
        spent.clear()
        sql[0] = 0.0
        with connection.execute_wrapper(capture):
            t0 = time.perf_counter()
            response = client.get(page.path, page.params)
            total = time.perf_counter() - t0
        assert response.status_code == 200, response.status_code
        size = len(response.content)
        samples.append(dict(spent, total=total, sql=sql[0]))
    print(f"{args.persona} · {page.label} ({size / 1024:.0f} KB), ms over {args.repeat} requests:")
    for part in PARTS:
        values = [x.get(part, 0.0) * 1000 for x in samples]
        print(
            f"  {part:28s} p50 {statistics.median(values):6.1f}  "
            f"p95 {_percentile(values, 0.95):6.1f}"
        )


if __name__ == "__main__":
    main()
