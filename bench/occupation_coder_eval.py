"""Accuracy and speed of the occupation coder on the hand-labelled real vacancies.

    python bench/occupation_coder_eval.py [--split dev|test|all] [--misses N]

Reads the labels from tests/domain/data/occupation_labels.tsv and the ads from
$JOBDESK_SHARED/data/ads/taiwanjobs_ads_sample_1040.csv (default: the ``shared`` folder
beside the repository root). Prints top-1 and top-3 accuracy overall and by category_zh;
a suggestion counts as right when it is one of the ad's acceptable codes.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from jobdesk.domain.occupation_coder import OccupationCoder  # noqa: E402

LABELS = REPO / "tests" / "domain" / "data" / "occupation_labels.tsv"


def shared_dir() -> Path:
    return Path(os.environ.get("JOBDESK_SHARED", str(REPO.parent / "shared")))


def read_labels(path: Path = LABELS) -> dict[str, tuple[tuple[str, ...], str]]:
    labels: dict[str, tuple[tuple[str, ...], str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.startswith("hire_id") or not line.strip():
                continue
            hire_id, codes, split = line.rstrip("\n").split("\t")
            labels[hire_id] = (tuple(codes.split(",")), split)
    return labels


def read_ads(shared: Path) -> dict[str, dict[str, str]]:
    path = shared / "data" / "ads" / "taiwanjobs_ads_sample_1040.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["hire_id"]: row for row in csv.DictReader(handle)}


def evaluate(
    coder: OccupationCoder,
    ads: dict[str, dict[str, str]],
    labels: dict[str, tuple[tuple[str, ...], str]],
    split: str,
) -> dict[str, list[tuple[int, int]]]:
    """Per category (and ``ALL``), a list of (top1 right, top3 right) per labelled ad."""
    results: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for hire_id, (codes, ad_split) in sorted(labels.items()):
        if split != "all" and ad_split != split:
            continue
        ad = ads[hire_id]
        got = [s.code for s in coder.suggest(ad["title"], ad["description"], k=3)]
        outcome = (int(bool(got) and got[0] in codes), int(any(c in codes for c in got)))
        results["ALL"].append(outcome)
        results[ad["category_zh"]].append(outcome)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print this many top-1 misses")
    args = parser.parse_args()
    shared = shared_dir()
    taxonomy = shared / "data" / "taxonomy" / "tw_occupation_6th_2010.csv"
    started = time.perf_counter()
    coder = OccupationCoder.from_csv(taxonomy)
    built = time.perf_counter() - started
    ads, labels = read_ads(shared), read_labels()
    results = evaluate(coder, ads, labels, args.split)
    print(f"split={args.split}  (coder built in {built * 1000:.0f} ms)")
    print(f"{'category':<10}{'n':>5}{'top-1':>9}{'top-3':>9}")
    for category in ["ALL", *sorted(k for k in results if k != "ALL")]:
        rows = results[category]
        top1 = sum(r[0] for r in rows) / len(rows)
        top3 = sum(r[1] for r in rows) / len(rows)
        print(f"{category:<10}{len(rows):>5}{top1:>9.1%}{top3:>9.1%}")
    if args.misses:
        shown = 0
        for hire_id, (codes, ad_split) in sorted(labels.items()):
            if args.split != "all" and ad_split != args.split:
                continue
            ad = ads[hire_id]
            got = coder.suggest(ad["title"], ad["description"], k=3)
            if got and got[0].code in codes:
                continue
            print(
                hire_id,
                ad["title"][:40],
                "want",
                ",".join(codes),
                "got",
                [(s.code, s.score, s.evidence[:3]) for s in got],
            )
            shown += 1
            if shown >= args.misses:
                break
    every_ad = list(ads.values())
    started = time.perf_counter()
    for ad in every_ad:
        coder.suggest(ad["title"], ad["description"], k=3)
    elapsed = time.perf_counter() - started
    print(f"speed: {len(every_ad) / elapsed:,.0f} ads/s over all {len(every_ad)} ads (one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
