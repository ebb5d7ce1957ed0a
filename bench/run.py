"""All benchmarks in one run (``make bench``): matching next to Tantivy, then the evaluators.

    python -m bench.run [--full] [--json FILE] [--no-evals]

Default: the quick sizes (10k and 100k vacancies + as many seekers, batch 20k × 20k; a few
minutes on 2 cores). ``--full``: 100k and 1M, batch 200k × 200k (tens of minutes, ~10 GB).
Every size is measured for jobdesk and for the Tantivy BM25 baseline in the same process and
printed side by side. Reference data come from $JOBDESK_SHARED (default: <repo>/../shared);
without it the matching benchmark uses a small built-in taxonomy and filler text, and the
evaluators that need the shared ads are skipped. Not a test: nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JOBDESK_SHARED", str(REPO.parent / "shared")))
os.environ.setdefault("JOBDESK_SHARED", str(SHARED))  # for the benchmark module and children

from bench import matching_bench as mb  # noqa: E402

QUICK_SIZES = [10_000, 100_000]
QUICK_BATCH = 20_000
FULL_SIZES = [100_000, 1_000_000]
FULL_BATCH = 200_000
EVAL_TIMEOUT_S = 120


def _have_tantivy() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def _batch(n: int) -> dict[str, Any]:
    """The batch in its own process, so its peak RSS is its own."""
    proc = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(REPO / "bench" / "matching_bench.py"), "--batch-only", str(n)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if proc.returncode != 0:
        return {"batch_n": n, "error": proc.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _evaluator(script: str, args: list[str]) -> dict[str, Any]:
    """Run one evaluator script briefly; its last output lines and its wall time."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, str(REPO / "bench" / script), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
            timeout=EVAL_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"script": script, "skipped": f"over {EVAL_TIMEOUT_S} s"}
    out = {"script": script, "wall_s": round(time.perf_counter() - t0, 1), "rc": proc.returncode}
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    out["tail"] = lines[-6:]
    return out


def _fmt(x: object) -> str:
    return "-" if x is None else str(x)


def print_table(results: dict[str, Any]) -> None:
    print()
    print("matching (jobdesk: top-20 with filters, re-rank, explanations) vs Tantivy BM25 top-20")
    head = (
        f"{'n each side':>11} | {'build s':>7} {'tantivy':>7} | {'fwd p50/p95 ms':>15} "
        f"{'back p50/p95 ms':>15} {'tantivy p50/p95':>16} | {'upd p95 ms':>10} {'RSS MB':>7}"
    )
    print(head)
    print("-" * len(head))
    for r in results["sizes"]:
        tv = f"{_fmt(r.get('tantivy_query_p50_ms'))}/{_fmt(r.get('tantivy_query_p95_ms'))}"
        print(
            f"{r['n_vacancies']:>11,} | {r['build_s']:>7} {_fmt(r.get('tantivy_build_s')):>7} | "
            f"{r['top_vacancies_p50_ms']:>6}/{r['top_vacancies_p95_ms']:<8} "
            f"{r['top_seekers_p50_ms']:>6}/{r['top_seekers_p95_ms']:<8} {tv:>16} | "
            f"{r['update_visible_p95_ms']:>10} {r['index_rss_mb']:>7}"
        )
    b = results.get("batch")
    if b and "batch_s" in b:
        print(
            f"batch {b['batch_n']:,} × {b['batch_n']:,}, k=20 both ways: {b['batch_s']} s, "
            f"peak RSS {b['batch_peak_rss_mb']} MB, seekers with results "
            f"{b['seekers_with_results']:.1%}"
        )
    elif b:
        print(f"batch {b['batch_n']:,}: failed: {b.get('error')}")
    for e in results.get("evals", []):
        print(f"\n{e['script']}: " + (e.get("skipped") or f"{e['wall_s']} s (rc {e['rc']})"))
        for line in e.get("tail", []):
            print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="100k/1M and batch 200k × 200k")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-evals", action="store_true", help="skip the evaluator scripts")
    parser.add_argument("--no-lists", action="store_true", help="skip the vacancy-list benchmark")
    args = parser.parse_args(argv)
    sizes = FULL_SIZES if args.full else QUICK_SIZES
    batch_n = FULL_BATCH if args.full else QUICK_BATCH
    tantivy = _have_tantivy()
    shared_ok = (SHARED / "data").is_dir()
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "shared": str(SHARED) if shared_ok else None,
        "tantivy": tantivy,
        "sizes": [],
    }
    if not shared_ok:
        print(f"note: {SHARED}/data not found: built-in taxonomy and filler text", file=sys.stderr)
    if not tantivy:
        print("note: tantivy not installed: no baseline column", file=sys.stderr)
    taxonomy = mb.load_taxonomy()
    for n in sizes:
        print(f"== {n:,} vacancies + {n:,} seekers", file=sys.stderr, flush=True)
        row = mb.run_size(n, taxonomy, args.queries, tantivy)
        results["sizes"].append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
    print(f"== batch {batch_n:,} × {batch_n:,}", file=sys.stderr, flush=True)
    results["batch"] = _batch(batch_n)
    evals: list[dict[str, Any]] = []
    if not args.no_evals:
        if shared_ok:
            print("== occupation coder / ad checker evaluators", file=sys.stderr, flush=True)
            evals.append(_evaluator("occupation_coder_eval.py", ["--split", "test"]))
        evals.append(_evaluator("adcheck_eval.py", ["--split", "test"]))
    results["evals"] = evals
    print_table(results)
    if not args.no_lists:
        rows = "100000" if args.full else "20000"
        print(f"\n== vacancy list view at {int(rows):,} rows (the real view beside the bare query)")
        subprocess.run(  # noqa: S603 - our own script
            [sys.executable, "-m", "bench.vacancy_list_bench", "--rows", rows],
            check=False,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
