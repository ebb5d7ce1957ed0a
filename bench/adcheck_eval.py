"""Precision and recall of the §5 ad checker on its labelled set, and flag counts on real ads.

    python bench/adcheck_eval.py                      # dev and test splits
    python bench/adcheck_eval.py --split test --errors
    python bench/adcheck_eval.py --ads ../shared/data/ads/taiwanjobs_ads_sample_1040.csv --show
    python bench/adcheck_eval.py --file OTHER.jsonl   # any JSON-lines set of the same schema

Scoring is micro-averaged over (ad, ground) pairs: an ad counts each ground once. "all" scores
a finding of any severity against a label of any severity; "violations" scores only findings
and labels of severity violation.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# --code ROOT scores another version of the checker (e.g. `git archive <commit> jobdesk` unpacked
# into ROOT), read before jobdesk is imported
if "--code" in sys.argv:
    sys.path.insert(0, sys.argv[sys.argv.index("--code") + 1])

from jobdesk.domain.adcheck import PayInfo, check_ad

LABELLED = Path(__file__).resolve().parent.parent / "tests/domain/data/adcheck_labelled.jsonl"


def load(
    split: str, id_prefix: str = "", exclude_prefix: str = "", path: Path = LABELLED
) -> list[dict[str, object]]:
    """Items of a split; ``id_prefix``/``exclude_prefix``: comma-separated id prefixes to keep
    or to drop (``ac-n,ac-m``: items written in 2026-12, see docs/adcheck.md). Items of a file
    without a ``split`` field count as ``dev``."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    keep = tuple(p for p in id_prefix.split(",") if p)
    drop = tuple(p for p in exclude_prefix.split(",") if p)
    return [
        item
        for item in items
        if (split == "all" or item.get("split", "dev") == split)
        and (not keep or str(item["id"]).startswith(keep))
        and not (drop and str(item["id"]).startswith(drop))
    ]


def pay_of(item: dict[str, object]) -> PayInfo | None:
    pay = item.get("pay")
    if not isinstance(pay, dict):
        return None
    return PayInfo(pay.get("basis"), pay.get("minimum"), pay.get("maximum"))


#: Grounds left out of scoring (``--ignore-pay``: a set that does not label the pay rule).
IGNORED: set[str] = set()


def score(items: list[dict[str, object]], *, violations_only: bool, errors: bool = False):
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for item in items:
        findings = [
            f
            for f in check_ad(str(item["title"]), str(item["description"]), pay_of(item))
            if f.ground not in IGNORED
        ]
        wanted = "violation" if violations_only else None
        got = {f.ground for f in findings if wanted is None or f.severity == wanted}
        expected = {
            e["ground"]
            for e in item["expected"]  # type: ignore[attr-defined]
            if (wanted is None or e["severity"] == wanted) and e["ground"] not in IGNORED
        }
        for ground in got & expected:
            tp[ground] += 1
        for ground in got - expected:
            fp[ground] += 1
        for ground in expected - got:
            fn[ground] += 1
        if errors and got != expected:
            shown = [(f.ground, f.severity, f.words) for f in findings]
            print(f"  {item['id']} {item['title']} | {item['description']}")
            print(f"     expected {sorted(expected)} got {shown}")
    return tp, fp, fn


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def report(
    split: str,
    errors: bool,
    id_prefix: str = "",
    exclude_prefix: str = "",
    path: Path = LABELLED,
) -> None:
    items = load(split, id_prefix, exclude_prefix, path)
    shown = split + (f" of {path.name}" if path != LABELLED else "")
    shown += f", ids {id_prefix}*" if id_prefix else ""
    shown += f", without {exclude_prefix}*" if exclude_prefix else ""
    print(f"== split {shown}: {len(items)} labelled ads")
    lawful = [item for item in items if not item["expected"]]
    flagged = sum(
        any(
            f.ground not in IGNORED
            for f in check_ad(str(item["title"]), str(item["description"]), pay_of(item))
        )
        for item in lawful
    )
    print(f"-- lawful ads flagged (any severity): {flagged} / {len(lawful)}")
    for violations_only in (True, False):
        tp, fp, fn = score(
            items, violations_only=violations_only, errors=errors and not violations_only
        )
        title = "violations" if violations_only else "all findings (any severity)"
        t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        print(
            f"-- {title}: precision {ratio(t, t + p)}  recall {ratio(t, t + n)}"
            f"  (tp {t} fp {p} fn {n})"
        )
        if not violations_only:
            for ground in sorted(set(tp) | set(fp) | set(fn)):
                print(
                    f"   {ground:20s} P {ratio(tp[ground], tp[ground] + fp[ground])}"
                    f"  R {ratio(tp[ground], tp[ground] + fn[ground])}"
                    f"  (tp {tp[ground]} fp {fp[ground]} fn {fn[ground]})"
                )


def real_pay(row: dict[str, str]) -> PayInfo:
    """台灣就業通 salary text → PayInfo. The sample labels hourly pay 元/月; amounts under
    1,000 are read as hourly."""
    text = row.get("salary_text", "")
    low, high = int(row.get("salary_min") or 0), int(row.get("salary_max") or 0)
    if "面議" in text:
        return PayInfo("negotiable", low or None, high or None)
    if "/時" in text or 0 < low < 1000:
        return PayInfo("hourly", low or None, high or None)
    if "/日" in text:
        return PayInfo("daily", low or None, high or None)
    return PayInfo("monthly", low or None, high or None)


def real_ads(path: Path, show: bool) -> None:
    with path.open(encoding="utf-8", newline="") as infile:
        rows = list(csv.DictReader(infile))
    per_ground: dict[str, Counter[str]] = defaultdict(Counter)
    flagged = 0
    for row in rows:
        findings = check_ad(row["title"], row["description"], real_pay(row))
        flagged += bool(findings)
        for ground_name, severity in {(f.ground, f.severity) for f in findings}:
            per_ground[ground_name][severity] += 1
        if show:
            for f in findings:
                print(
                    f"  {row['hire_id']} {f.ground}/{f.severity} [{f.field}]"
                    f" 「{f.words}」 {row['title'][:30]}"
                )
    print(f"== {len(rows)} real ads, {flagged} with at least one finding")
    for name, counts in sorted(per_ground.items()):
        print(f"   {name:20s} violation {counts['violation']:4d}  warning {counts['warning']:4d}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["dev", "test", "all", "both"], default="both")
    parser.add_argument("--errors", action="store_true", help="print every mis-scored labelled ad")
    parser.add_argument(
        "--id-prefix", default="", help="score only ids starting with one of these (comma list)"
    )
    parser.add_argument(
        "--exclude-prefix", default="", help="drop ids starting with one of these (comma list)"
    )
    parser.add_argument(
        "--file", type=Path, default=LABELLED, help="a labelled JSON-lines set (default: ours)"
    )
    parser.add_argument(
        "--ignore-pay", action="store_true", help="leave pay_undisclosed out of the scores"
    )
    parser.add_argument("--code", help="a directory holding another version of jobdesk/ to score")
    parser.add_argument("--ads", type=Path, help="CSV of real ads to count flags on")
    parser.add_argument("--show", action="store_true", help="with --ads: print every finding")
    args = parser.parse_args()
    if args.ignore_pay:
        IGNORED.add("pay_undisclosed")
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        report(split, args.errors, args.id_prefix, args.exclude_prefix, args.file)
    if args.ads:
        real_ads(args.ads, args.show)


if __name__ == "__main__":
    main()
