"""Matching quality on real ads: jobdesk vs BM25 (Tantivy) vs an occupation+county filter.

    .venv/bin/python -m bench.matching_quality            # the summary and per-query tables
    .venv/bin/python -m bench.matching_quality --markdown # the same as Markdown (docs)
    .venv/bin/python -m bench.matching_quality --pool FILE  # blind judging worksheet

Queries: tests/domain/data/matching_queries.jsonl (seeker profiles written as a counsellor
would). Judgements: tests/domain/data/matching_judgements.tsv (graded 0–3, pooled). The ads are
read from $JOBDESK_SHARED/data/ads (default: <repo>/../shared) and never copied. Metrics:
nDCG@10 (graded) and Recall@50 (grade ≥ 2), mean over queries with a bootstrap 95% CI.
See docs/matching-quality.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.quality.data import (
    JUDGEMENTS,
    QUERIES,
    Ad,
    Query,
    build_ads,
    load_taxonomy,
    read_ads,
    read_judgements,
    read_queries,
    shared_dir,
)
from bench.quality.metrics import bootstrap_ci, mean, ndcg, paired_bootstrap, recall
from bench.quality.pool import pool, propose
from bench.quality.systems import SYSTEMS

DEPTH = 50


@dataclass
class Report:
    queries: list[Query]
    runs: dict[str, dict[str, list[str]]]
    judged: dict[str, dict[str, int]]
    ndcg10: dict[str, dict[str, float]] = field(default_factory=dict)
    recall50: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def scored(self) -> list[Query]:
        """Queries with at least one ad judged relevant (grade ≥ 2)."""
        return [q for q in self.queries if any(g >= 2 for g in self.judged.get(q.id, {}).values())]

    def summary(self, system: str) -> dict[str, float]:
        ids = [q.id for q in self.scored]
        n = [self.ndcg10[system][i] for i in ids]
        r = [self.recall50[system][i] for i in ids]
        lo, hi = bootstrap_ci(n)
        rlo, rhi = bootstrap_ci(r)
        return {"ndcg10": mean(n), "ndcg_lo": lo, "ndcg_hi": hi, "recall50": mean(r)} | {
            "recall_lo": rlo,
            "recall_hi": rhi,
            "unjudged10": float(self.unjudged(system)),
        }

    def unjudged(self, system: str, depth: int = 10) -> int:
        """Ads in the system's top ``depth`` over all queries that were never judged (they
        count as not relevant: a system that finds ads the pool never saw is under-scored)."""
        return sum(
            1
            for q in self.queries
            for hire_id in self.runs[system][q.id][:depth]
            if hire_id not in self.judged.get(q.id, {})
        )


def run_systems(ads: list[Ad], queries: list[Query]) -> dict[str, dict[str, list[str]]]:
    taxonomy = load_taxonomy()
    runs: dict[str, dict[str, list[str]]] = {}
    for name, make in SYSTEMS.items():
        rank = make(ads, taxonomy)
        runs[name] = {q.id: rank(q, DEPTH) for q in queries}
    return runs


def evaluate(
    shared: Path | None = None,
    queries_path: Path = QUERIES,
    judgements_path: Path = JUDGEMENTS,
) -> Report:
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    ads = build_ads(read_ads(shared), taxonomy)
    queries = read_queries(taxonomy, queries_path)
    report = Report(queries, run_systems(ads, queries), read_judgements(judgements_path))
    for system, ranked in report.runs.items():
        report.ndcg10[system] = {}
        report.recall50[system] = {}
        for q in queries:
            judged = report.judged.get(q.id, {})
            report.ndcg10[system][q.id] = ndcg(ranked[q.id], judged, 10)
            report.recall50[system][q.id] = recall(ranked[q.id], judged, DEPTH) or 0.0
    report.seconds = time.perf_counter() - started
    return report


def render(report: Report, markdown: bool) -> str:
    systems = list(report.runs)
    lines: list[str] = []
    n = len(report.scored)
    top10 = 10 * len(report.queries)
    if markdown:
        lines += [
            "| system | nDCG@10 | 95% CI | Recall@50 | 95% CI | unjudged in top 10 |",
            "|---|---|---|---|---|---|",
        ]
    else:
        lines.append(
            f"{'system':<13} {'nDCG@10':>8} {'95% CI':>15} {'Recall@50':>10} {'95% CI':>15} "
            f"{'unjudged@10':>12}"
        )
    for s in systems:
        m = report.summary(s)
        ci = f"[{m['ndcg_lo']:.3f}, {m['ndcg_hi']:.3f}]"
        rci = f"[{m['recall_lo']:.3f}, {m['recall_hi']:.3f}]"
        unj = f"{int(m['unjudged10'])}/{top10}"
        if markdown:
            lines.append(
                f"| {s} | {m['ndcg10']:.3f} | {ci} | {m['recall50']:.3f} | {rci} | {unj} |"
            )
        else:
            lines.append(
                f"{s:<13} {m['ndcg10']:>8.3f} {ci:>15} {m['recall50']:>10.3f} {rci:>15} {unj:>12}"
            )
    ids = [q.id for q in report.scored]
    lines.append("")
    for other in systems[1:]:
        for metric, table in (("nDCG@10", report.ndcg10), ("Recall@50", report.recall50)):
            a = [table[systems[0]][i] for i in ids]
            b = [table[other][i] for i in ids]
            lo, hi = paired_bootstrap(a, b)
            lines.append(
                f"{systems[0]} − {other} {metric}: {mean(a) - mean(b):+.3f} "
                f"(paired bootstrap 95% CI [{lo:+.3f}, {hi:+.3f}])" + ("  " if markdown else "")
            )
    judged = sum(len(report.judged.get(q.id, {})) for q in report.queries)
    lines.append(
        f"{n} of {len(report.queries)} queries with a relevant ad; {judged} judgements; "
        f"{report.seconds:.1f} s" + ("  " if markdown else "")
    )
    lines.append("")
    head = ["query", "profile", "rel"] + [f"{s} nDCG" for s in systems]
    head += [f"{s} R@50" for s in systems]
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    else:
        lines.append(
            f"{'query':<5} {'profile':<14} {'rel':>3} " + " ".join(f"{h:>12}" for h in head[3:])
        )
    for q in report.queries:
        judged_q = report.judged.get(q.id, {})
        rel = sum(1 for g in judged_q.values() if g >= 2)
        cells = [f"{report.ndcg10[s][q.id]:.3f}" for s in systems]
        cells += [f"{report.recall50[s][q.id]:.3f}" for s in systems]
        name = "、".join(q.names)
        if markdown:
            lines.append(f"| {q.id} | {name} | {rel} | " + " | ".join(cells) + " |")
        else:
            lines.append(
                f"{q.id:<5} {name[:7]:<{14 - len(name[:7])}} {rel:>3} "
                + " ".join(f"{c:>12}" for c in cells)
            )
    return "\n".join(lines)


def write_pool(
    path: Path,
    shared: Path | None = None,
    queries_path: Path = QUERIES,
    judgements_path: Path | None = None,
    depth: int | None = None,
) -> int:
    """The blind worksheet: pooled ads sorted by hire_id with a proposed grade; no system names.

    With ``judgements_path`` only the pairs not judged there yet are written (a later round after
    the engine changed), and with ``depth`` the pool is each system's top ``depth`` (no random ads).
    """
    taxonomy = load_taxonomy()
    ads = build_ads(read_ads(shared), taxonomy)
    by_id = {a.record.id: a for a in ads}
    rows = {r["hire_id"]: r for r in read_ads(shared)}
    queries = read_queries(taxonomy, queries_path)
    runs = run_systems(ads, queries)
    if depth is None:
        pooled = pool(queries, runs, ads)
    else:
        pooled = {
            q.id: sorted({i for ranked in runs.values() for i in ranked[q.id][:depth]})
            for q in queries
        }
    done = read_judgements(judgements_path) if judgements_path else {}
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write("query_id\thire_id\tproposed\twhy\ttitle\tlocation\tsalary\tdescription\n")
        for q in queries:
            for hire_id in pooled[q.id]:
                if hire_id in done.get(q.id, {}):
                    continue
                grade, why = propose(q, by_id[hire_id], taxonomy)
                row = rows[hire_id]
                desc = " ".join(row["description"].split())[:160]
                fh.write(
                    f"{q.id}\t{hire_id}\t{grade}\t{why}\t{row['title']}\t{row['location']}\t"
                    f"{row['salary_text']}\t{desc}\n"
                )
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--pool", type=Path, help="write the blind judging worksheet here")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="seeker profiles (JSONL)")
    parser.add_argument("--judgements", type=Path, default=None, help="graded pairs (TSV)")
    parser.add_argument(
        "--unjudged-depth",
        type=int,
        default=None,
        help="with --pool and --judgements: only each system's top N not judged yet",
    )
    args = parser.parse_args(argv)
    judgements = args.judgements or (JUDGEMENTS if args.queries == QUERIES else None)
    shared = shared_dir()
    if not (shared / "data" / "ads").exists():
        print(f"no ads under {shared}/data/ads (set JOBDESK_SHARED)", file=sys.stderr)
        return 2
    if args.pool:
        if args.unjudged_depth is not None and judgements is None:
            parser.error("--unjudged-depth needs --judgements")
        count = write_pool(
            args.pool,
            shared,
            args.queries,
            judgements if args.unjudged_depth is not None else None,
            args.unjudged_depth,
        )
        print(f"{count} rows → {args.pool}")
        return 0
    if judgements is None:
        parser.error("--queries other than the default needs --judgements")
    print(render(evaluate(shared, args.queries, judgements), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
