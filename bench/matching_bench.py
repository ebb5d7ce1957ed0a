"""Benchmark of the matching engine next to a plain BM25-over-bigrams baseline (Tantivy).

    python bench/matching_bench.py [--quick] [--json FILE]

Synthetic open vacancies and seekers whose text recombines phrases of the real 台灣就業通 ads in
$JOBDESK_SHARED/data/ads (default: <repo>/../shared); the ads are read, never copied.
Not a test: it prints figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobdesk.domain.matching import (  # noqa: E402
    MatchIndex,
    SeekerProfile,
    Taxonomy,
    Township,
    VacancyFilters,
    VacancyRecord,
    batch_top_k,
)
from jobdesk.domain.matching.text import _SEP, _bigrams, normalize  # noqa: E402

SHARED = Path(os.environ.get("JOBDESK_SHARED", REPO.parent / "shared"))
SKILLS = [
    "堆高機",
    "收銀",
    "電腦文書",
    "Excel",
    "烹飪",
    "駕駛",
    "英文",
    "日文",
    "客服",
    "會計",
    "Python",
    "Java",
    "美工設計",
    "攝影",
    "照顧服務",
    "清潔",
    "倉儲管理",
    "採購",
    "行銷",
    "業務",
]
LICENCES = ["堆高機操作證", "職業小型車駕照", "照顧服務員單一級", "丙級廚師", "會計事務乙級"]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ``ru_maxrss``, not carried over from
    the parent that started the batch process)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_taxonomy() -> Taxonomy:
    tax = SHARED / "data" / "taxonomy"
    if tax.exists():
        return Taxonomy.from_csv(
            tax / "tw_occupation_6th_2010.csv",
            tax / "tw_postal3_district_centroids.csv",
            tuple(SKILLS + LICENCES),
        )
    towns = {
        f"{100 + i}": Township(f"{100 + i}", "臺北市", f"區{i}", 121.5 + i / 100, 25.0)
        for i in range(12)
    }
    occ = {
        f"{a}{b}{c}{d}": f"職業{a}{b}{c}{d}"
        for a in range(1, 10)
        for b in range(1, 4)
        for c in range(1, 3)
        for d in range(0, 3)
    }
    return Taxonomy(occ, towns, tuple(SKILLS + LICENCES))


def load_phrases() -> tuple[list[str], list[str]]:
    path = SHARED / "data" / "ads" / "taiwanjobs_ads_sample_1040.csv"
    if not path.exists():  # no shared data: filler text, enough to sample from
        verbs = ["負責", "協助", "處理", "維護", "規劃", "執行"]
        objects = ["倉庫貨物搬運", "門市收銀", "客戶服務", "餐點製作", "文書資料", "設備保養"]
        filler = [f"{v}{o}" for v in verbs for o in objects]
        return filler, ["倉儲人員", "門市人員", "客服人員", "廚師", "行政助理", "技術員"]
    phrases: set[str] = set()
    titles: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            titles.add(row["title"].strip())
            for part in re.split(r"[。\n；;！!]+", row["description"]):
                part = re.sub(r"^\s*[\d０-９]+[\.、．)]\s*", "", part).strip()
                if 4 <= len(part) <= 60:
                    phrases.add(part)
    return sorted(phrases), sorted(titles)


class World:
    def __init__(self, taxonomy: Taxonomy, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tax = taxonomy
        self.codes = sorted(c for c in taxonomy.occupations if len(c) == 4)
        weights = [1.0 / (1 + i) ** 0.6 for i in range(len(self.codes))]
        self.rng.shuffle(weights)
        self.weights = weights
        self.towns = sorted(taxonomy.townships)
        self.town_w = [
            8.0 if taxonomy.townships[z].county in ("臺北市", "新北市") else 1.0 for z in self.towns
        ]
        self.phrases, self.titles = load_phrases()
        # the codes the occupation coder tends to suggest next to each code (fixed per code)
        self.confusable = {c: self.rng.sample(self.codes, 4) for c in self.codes}

    def vacancies(self, n: int, prefix: str = "v") -> list[VacancyRecord]:
        r = self.rng
        codes = r.choices(self.codes, self.weights, k=n)
        towns = r.choices(self.towns, self.town_w, k=n)
        out = []
        for i in range(n):
            # the coder's ranked suggestions as the importer stores them: the code first, and
            # for most ads one or two weaker guesses among the codes it confuses with that one
            top = round(r.uniform(0.5, 12.0), 2)
            others = r.sample(self.confusable[codes[i]], r.choice([0, 1, 2, 2]))
            suggestions = (
                (codes[i], top),
                *((c, round(top * r.uniform(0.05, 0.9), 2)) for c in others),
            )
            hourly = r.random() < 0.2
            lo = r.choice([190, 200, 220, 250]) if hourly else r.randrange(28000, 60000, 1000)
            out.append(
                VacancyRecord(
                    id=f"{prefix}{i:07d}",
                    occupation=codes[i],
                    township=towns[i],
                    pay_basis="hourly" if hourly else r.choice(["monthly"] * 9 + ["negotiable"]),
                    pay_min=lo,
                    pay_max=lo + (20 if hourly else r.choice([0, 5000, 10000])),
                    shifts=frozenset(
                        r.sample(["day", "evening", "night", "rotating"], r.randint(1, 2))
                    ),
                    min_education=r.choice([None, 2, 3, 4, 5]),
                    min_experience_years=r.choice([None, 0.0, 1.0, 2.0, 3.0]),
                    title=r.choice(self.titles),
                    description="。".join(r.sample(self.phrases, r.randint(3, 6))),
                    skills=tuple(r.sample(SKILLS, r.randint(0, 3))),
                    licences=tuple(r.sample(LICENCES, r.randint(0, 1))),
                    closes=date(2026, 1, 1) + timedelta(days=r.randint(0, 180)),
                    occupation_suggestions=suggestions,
                )
            )
        return out

    def seekers(self, n: int, prefix: str = "s") -> list[SeekerProfile]:
        r = self.rng
        codes = r.choices(self.codes, self.weights, k=n)
        towns = r.choices(self.towns, self.town_w, k=n)
        out = []
        for i in range(n):
            c = codes[i]
            desired = {c} | {x for x in r.sample(self.codes, 2) if x[:2] == c[:2]}
            if r.random() < 0.2:
                desired.add(c[:3])
            out.append(
                SeekerProfile(
                    id=f"{prefix}{i:07d}",
                    desired_occupations=tuple(sorted(desired)),
                    township=towns[i],
                    max_commute_km=r.choice([None, 10.0, 20.0, 40.0]),
                    pay_basis="monthly",
                    expected_pay_min=r.randrange(27000, 50000, 1000),
                    shifts=frozenset(r.sample(["day", "evening", "night"], r.randint(0, 2))),
                    education=r.randint(1, 6),
                    experience_years=float(r.randint(0, 10)),
                    experience_text="。".join(r.sample(self.phrases, r.randint(1, 3))),
                    skills=tuple(r.sample(SKILLS, r.randint(0, 3))),
                    licences=tuple(r.sample(LICENCES, r.randint(0, 1))),
                    available_from=date(2026, 1, 1) + timedelta(days=r.randint(0, 90)),
                    min_pay_hard=r.random() < 0.2,
                    job_titles=(r.choice(self.titles),) if r.random() < 0.5 else (),
                )
            )
        return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def bigram_tokens(text: str) -> list[str]:
    codes, _doc, _pos = _bigrams(normalize(text).replace(_SEP, " "))
    return [chr(c >> 21) + chr(c & 0x1FFFFF) for c in codes.tolist()]


def tantivy_baseline(
    vacs: list[VacancyRecord], queries: list[SeekerProfile], taxonomy: Taxonomy
) -> dict[str, float]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    schema = builder.build()
    tmp = tempfile.mkdtemp(prefix="jobdesk-tantivy-")
    index = tantivy.Index(schema, path=tmp)
    t0 = time.perf_counter()
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    for v in vacs:
        body = " ".join(bigram_tokens(f"{v.title}\n{v.title}\n{v.description}"))
        writer.add_document(tantivy.Document(body=body, id=v.id))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - t0
    searcher = index.searcher()
    times, cpu = [], []
    for s in queries:
        # every term jobdesk reads of the seeker (wished names, past titles, experience, skills,
        # licences), all of them: no truncation
        names = [taxonomy.occupations.get(c, "") for c in s.desired_occupations]
        words = [s.experience_text, *names, *s.desired_names, *s.job_titles, *s.skills]
        toks = sorted(set(bigram_tokens("\n".join([*words, *s.licences]))))
        toks = [t for t in toks if t.isalnum()]
        q0, c0 = time.perf_counter(), time.process_time()
        query = index.parse_query(" ".join(f'"{t}"' for t in toks) or "x", ["body"])
        hits = searcher.search(query, 20).hits
        assert hits is not None
        times.append((time.perf_counter() - q0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {
        "build_s": build,
        "query_p50_ms": pct(times, 0.5),
        "query_p95_ms": pct(times, 0.95),
        "query_cpu_p50_ms": pct(cpu, 0.5),
        "query_cpu_p95_ms": pct(cpu, 0.95),
    }


def run_size(n: int, taxonomy: Taxonomy, n_queries: int, tantivy: bool) -> dict[str, Any]:
    world = World(taxonomy, seed=n)
    t0 = time.perf_counter()
    vacs, seekers = world.vacancies(n), world.seekers(n)
    gen = time.perf_counter() - t0
    gc.collect()
    before = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    index = MatchIndex.build(vacs, seekers, taxonomy)
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    gc.collect()
    mem = rss_mb() - before
    rng = random.Random(1)
    qs = rng.sample(seekers, n_queries)
    qv = rng.sample(vacs, n_queries)
    counties = sorted({t.county for t in taxonomy.townships.values()})
    # wall-clock and CPU time of the process: on a shared machine the CPU time is what the query
    # costs, the wall clock adds the time other processes held the cores
    fwd, back, fwd_cpu, back_cpu = [], [], [], []
    for i, s in enumerate(qs):
        f = (
            VacancyFilters(county=rng.choice(counties))
            if i % 4 == 1
            else VacancyFilters(min_pay=30000)
            if i % 4 == 2
            else VacancyFilters(shifts=frozenset({"day"}))
            if i % 4 == 3
            else None
        )
        t, c = time.perf_counter(), time.process_time()
        index.top_vacancies(s, 20, f)
        fwd.append((time.perf_counter() - t) * 1000)
        fwd_cpu.append((time.process_time() - c) * 1000)
    for v in qv:
        t, c = time.perf_counter(), time.process_time()
        index.top_seekers(v, 20)
        back.append((time.perf_counter() - t) * 1000)
        back_cpu.append((time.process_time() - c) * 1000)
    upd, upd_cpu = [], []
    for i, v in enumerate(world.vacancies(100, prefix="u")):
        t, c = time.perf_counter(), time.process_time()
        index.upsert_vacancy(v)
        got = index.top_vacancies(qs[i % len(qs)], 20)
        upd.append((time.perf_counter() - t) * 1000)
        upd_cpu.append((time.process_time() - c) * 1000)
        assert got is not None
    out: dict[str, Any] = {
        "n_vacancies": n,
        "n_seekers": n,
        "generate_s": round(gen, 1),
        "build_s": round(build, 2),
        "index_rss_mb": round(mem),
        "top_vacancies_p50_ms": round(pct(fwd, 0.5), 2),
        "top_vacancies_p95_ms": round(pct(fwd, 0.95), 2),
        "top_seekers_p50_ms": round(pct(back, 0.5), 2),
        "top_seekers_p95_ms": round(pct(back, 0.95), 2),
        "update_visible_p50_ms": round(pct(upd, 0.5), 2),
        "update_visible_p95_ms": round(pct(upd, 0.95), 2),
        "top_vacancies_cpu_p50_ms": round(pct(fwd_cpu, 0.5), 2),
        "top_vacancies_cpu_p95_ms": round(pct(fwd_cpu, 0.95), 2),
        "top_seekers_cpu_p50_ms": round(pct(back_cpu, 0.5), 2),
        "top_seekers_cpu_p95_ms": round(pct(back_cpu, 0.95), 2),
        "update_visible_cpu_p95_ms": round(pct(upd_cpu, 0.95), 2),
        "build_cpu_s": round(build_cpu, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    del index
    gc.collect()
    if tantivy:
        tv = tantivy_baseline(vacs, qs, taxonomy)
        out.update({f"tantivy_{k}": round(x, 2) for k, x in tv.items()})
    return out


def run_batch(n: int) -> dict[str, Any]:
    taxonomy = load_taxonomy()
    world = World(taxonomy, seed=7)
    index = MatchIndex.build(world.vacancies(n), world.seekers(n), taxonomy)
    gc.collect()
    base = peak_mb()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 15:
            last[0] = time.perf_counter()
            print(f"    batch {done}/{total}", file=sys.stderr, flush=True)

    t0, c0 = time.perf_counter(), time.process_time()
    result = batch_top_k(index, 20, progress)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    filled = float((result.seeker_top[:, 0] >= 0).mean())
    return {
        "batch_n": n,
        "batch_s": round(elapsed, 1),
        "batch_cpu_s": round(cpu, 1),  # both threads: ≈ 2 × the wall time on 2 idle cores
        "batch_peak_rss_mb": round(peak_mb()),
        "rss_before_batch_mb": round(base),
        "seekers_with_results": round(filled, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10k/100k and batch 20k × 20k")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sizes", type=int, nargs="*")
    parser.add_argument("--batch", type=int)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--batch-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch_only:
        print(json.dumps(run_batch(args.batch_only)))
        return
    sizes = args.sizes or ([10_000, 100_000] if args.quick else [100_000, 1_000_000])
    batch_n = args.batch or (20_000 if args.quick else 200_000)
    taxonomy = load_taxonomy()
    results: dict[str, Any] = {"cpus": os.cpu_count(), "sizes": []}
    for n in sizes:
        print(f"== {n:,} vacancies + {n:,} seekers", file=sys.stderr, flush=True)
        row = run_size(n, taxonomy, args.queries, not args.no_tantivy)
        results["sizes"].append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print(f"== batch {batch_n:,} × {batch_n:,} (own process)", file=sys.stderr, flush=True)
    proc = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, __file__, "--batch-only", str(batch_n)],
        capture_output=True,
        text=True,
        check=True,
    )
    results["batch"] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps(results["batch"]), flush=True)
    header = f"{'n':>9} {'build s':>8} {'MB':>6} {'fwd p50/p95 ms':>15} {'back p50/p95':>13}"
    print(header + f" {'upd p95':>8} {'tantivy p50/p95':>16}")
    for r in results["sizes"]:
        tv = f"{r.get('tantivy_query_p50_ms', '-')}/{r.get('tantivy_query_p95_ms', '-')}"
        print(
            f"{r['n_vacancies']:>9,} {r['build_s']:>8} {r['index_rss_mb']:>6} "
            f"{r['top_vacancies_p50_ms']:>7}/{r['top_vacancies_p95_ms']:<7} "
            f"{r['top_seekers_p50_ms']:>6}/{r['top_seekers_p95_ms']:<6} "
            f"{r['update_visible_p95_ms']:>8} {tv:>16}"
        )
    b = results["batch"]
    print(f"batch {b['batch_n']:,}²: {b['batch_s']} s, peak RSS {b['batch_peak_rss_mb']} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
