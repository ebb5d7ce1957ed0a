"""Vacancy list at 100k rows: the real view (scope, filters, sort, pagination, template) timed per
filter, next to a baseline of the bare first-page query on the same table.

    python -m bench.vacancy_list_bench [--rows 100000] [--repeat 15]

Uses its own SQLite file (``/tmp/jobdesk-bench-vacancies.sqlite3``) unless DATABASE_URL is set.
A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesk.settings")
os.environ.setdefault(
    "JOBDESK_SQLITE_PATH",
    os.path.join(os.environ.get("TMPDIR", "/tmp"), "jobdesk-bench-vacancies.sqlite3"),  # noqa: S108
)
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"

CASES: list[tuple[str, dict[str, str]]] = [
    ("first page, no filter", {}),
    ("page 200", {"page": "200"}),
    ("occupation 大類 5", {"occupation": "5"}),
    ("occupation 細類 5120", {"occupation": "5120"}),
    ("county 新北市", {"county": "新北市"}),
    ("within 10 km of 三重區", {"township": "__sanchong__", "within_km": "10"}),
    ("monthly pay ≥ 40,000", {"pay_basis": "monthly", "pay_at_least": "40000"}),
    ("night shift, open", {"shift": "night", "status": "open"}),
    ("keyword 倉儲", {"q": "倉儲"}),
    ("sort by pay", {"sort": "pay"}),
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def populate(rows: int) -> Any:
    from django.core.management import call_command

    from jobdesk.accounts.models import Office, OfficeKind, User
    from jobdesk.accounts.roles import Role
    from jobdesk.common.db import refresh_planner_statistics
    from jobdesk.employers.models import Employer, Vacancy
    from jobdesk.taxonomy.loader import load_taxonomies
    from jobdesk.taxonomy.models import EducationLevel, Occupation, Township

    call_command("migrate", verbosity=0)
    load_taxonomies()
    if Vacancy.objects.count() >= rows:
        return User.objects.get(username="bench_officer")
    rng = random.Random(7)
    today = datetime.date.today()
    branch, _ = Office.objects.get_or_create(
        code="BB", defaults={"name": "測試分署", "kind": OfficeKind.BRANCH}
    )
    office, _ = Office.objects.get_or_create(
        code="BB-C", defaults={"name": "測試就業中心", "kind": OfficeKind.CENTRE, "parent": branch}
    )
    user, _ = User.objects.get_or_create(
        username="bench_officer", defaults={"role": Role.EMPLOYER_OFFICER, "office": office}
    )
    employers = Employer.objects.bulk_create(
        [Employer(office=office, name=f"測試雇主{i:04d}股份有限公司") for i in range(500)]
    )
    occupations = list(Occupation.objects.filter(level=4).values_list("code", flat=True))
    townships = list(Township.objects.all())
    education = list(EducationLevel.objects.all())
    titles = ["倉儲理貨員", "門市人員", "廚師", "行政助理", "軟體工程師", "清潔人員", "保全人員"]
    shifts = [["day"], ["evening"], ["night"], ["rotating"], ["part_time"], ["day", "evening"]]
    batch: list[Vacancy] = []
    for i in range(rows):
        town = rng.choice(townships)
        chosen = rng.choice(shifts)
        monthly = rng.random() < 0.7
        low = rng.randrange(28000, 60000, 500) if monthly else rng.randrange(190, 300)
        batch.append(
            Vacancy(
                office=office,
                employer=rng.choice(employers),
                title=f"{rng.choice(titles)}（{i}）",
                description="負責日常作業與顧客服務，需細心負責。",
                occupation_id=rng.choice(occupations),
                county=town.county,
                township=town,
                pay_basis="monthly" if monthly else "hourly",
                pay_min=low,
                pay_max=low + (5000 if monthly else 30),
                shifts=chosen,
                shift_keys="," + ",".join(chosen) + ",",
                education=rng.choice(education),
                status=rng.choice(["open", "open", "open", "draft", "closed", "filled"]),
                opens_on=today - datetime.timedelta(days=rng.randrange(365)),
                closes_on=today + datetime.timedelta(days=rng.randrange(-30, 90)),
            )
        )
        if len(batch) == 5000:
            Vacancy.objects.bulk_create(batch)
            batch = []
    Vacancy.objects.bulk_create(batch)
    refresh_planner_statistics()  # as an import does
    return user


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from jobdesk.employers.models import Vacancy
    from jobdesk.taxonomy.models import Township

    started = time.perf_counter()
    user = populate(args.rows)
    print(
        f"== {Vacancy.objects.count():,} vacancies on {connection.vendor} "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    sanchong = str(Township.objects.get(full_name="新北市三重區").pk)
    client = Client()
    client.force_login(user)

    def time_it(fn: Any) -> tuple[float, float]:
        fn()  # warm
        samples = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t0) * 1000)
        return statistics.median(samples), _percentile(samples, 0.95)

    base50, base95 = time_it(lambda: list(Vacancy.objects.order_by("-id").values_list("id")[:50]))
    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    print(f"{'case':28s} {'p50 ms':>8s} {'p95 ms':>8s} {'queries':>8s}")
    print(f"{'baseline: bare first page':28s} {base50:8.1f} {base95:8.1f} {1:8d}")
    for label, params in CASES:
        query = {k: (sanchong if v == "__sanchong__" else v) for k, v in params.items()}

        def get(q: dict[str, str] = query) -> None:
            response = client.get("/employers/vacancies/", q)
            assert response.status_code == 200, response.status_code

        executed.clear()
        with connection.execute_wrapper(count):
            get()
        p50, p95 = time_it(get)
        print(f"{label:28s} {p50:8.1f} {p95:8.1f} {len(executed):8d}")


if __name__ == "__main__":
    main()
