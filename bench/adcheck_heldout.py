"""The §5 checker on the independent held-out set, scored the way an outside grader scores it.

    .venv/bin/python -m bench.adcheck_heldout             # overall and per-ground P/R
    .venv/bin/python -m bench.adcheck_heldout --errors    # every missed or wrong (ad, ground)

The set (tests/domain/data/heldout/adcheck_heldout.jsonl, 657 ads, README beside it) was written
and labelled by a helper who never read the checker's rules or lexicons, and frozen before the
checker changed. Items of kind ``real`` and ``real+clause`` name a real 台灣就業通 ad by hire_id
(the ads are read from ``$JOBDESK_SHARED/data/ads`` and never copied into the repository); a
``real+clause`` item adds one clause at the start or end of its title or description.

The ads go through ``check_jsonl_stream`` — the code behind ``jobdesk check-ads FILE.jsonl`` —
with no pay fields, and pay findings are not scored (the set leaves pay out). A *case* is an
(ad, ground) pair labelled in the set, of either severity; a finding of either severity on that
ground catches it. "Violations" counts only violation labels against violation findings.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from jobdesk.domain.adcheck import check_jsonl_stream  # noqa: E402

SET = REPO / "tests/domain/data/heldout/adcheck_heldout.jsonl"
NOT_SCORED = {"pay_undisclosed"}


def shared_ads() -> dict[str, dict[str, str]]:
    shared = Path(os.environ.get("JOBDESK_SHARED", REPO.parent / "shared"))
    path = shared / "data/ads/taiwanjobs_ads_sample_1040.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["hire_id"]: row for row in csv.DictReader(fh)}


def texts(item: dict[str, Any], ads: dict[str, dict[str, str]]) -> tuple[str, str]:
    title, description = item.get("title") or "", item.get("description") or ""
    if item.get("base_hire_id"):
        ad = ads[item["base_hire_id"]]
        title, description = ad["title"], ad["description"]
        insert = item.get("insert")
        if insert:
            text = insert["text"]
            if insert["field"] == "title":
                title = text + title if insert["where"] == "start" else title + text
            else:
                description = (
                    text + description if insert["where"] == "start" else description + text
                )
    return title, description


Item = dict[str, Any]


def run(items: list[Item], ads: dict[str, dict[str, str]]) -> dict[str, list[Item]]:
    lines = []
    for item in items:
        title, description = texts(item, ads)
        lines.append(json.dumps({"id": item["id"], "title": title, "description": description}))
    out = io.StringIO()
    check_jsonl_stream(io.StringIO("\n".join(lines) + "\n"), out)
    results = {}
    for line in out.getvalue().splitlines():
        record = json.loads(line)
        results[str(record["id"])] = record.get("findings", [])
    return results


def score(items: list[Item], results: dict[str, list[Item]], *, violations: bool, errors: bool):
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    lawful_flagged = 0
    for item in items:
        found = [f for f in results[item["id"]] if f["ground"] not in NOT_SCORED]
        got = {f["ground"] for f in found if not violations or f["severity"] == "violation"}
        want = {
            e["ground"]
            for e in item["expected"]
            if e["ground"] not in NOT_SCORED and (not violations or e["severity"] == "violation")
        }
        if not item["expected"] and found:
            lawful_flagged += 1
        for g in got & want:
            tp[g] += 1
        for g in got - want:
            fp[g] += 1
        for g in want - got:
            fn[g] += 1
        if errors and got != want:
            print(
                f"  {item['id']} ({item['kind']}) expected {sorted(want)} got "
                f"{[(f['ground'], f['severity'], f['words']) for f in found]} — {item['note']}"
            )
    return tp, fp, fn, lawful_flagged


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    items = [json.loads(x) for x in SET.read_text(encoding="utf-8").splitlines() if x.strip()]
    results = run(items, shared_ads())
    lawful = sum(1 for i in items if not i["expected"])
    for violations in (False, True):
        tp, fp, fn, flagged = score(
            items, results, violations=violations, errors=args.errors and not violations
        )
        t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        name = "violations only" if violations else "cases (any severity)"
        print(
            f"== {name}: precision {ratio(t, t + p)}  recall {ratio(t, t + n)}  "
            f"(tp {t} fp {p} fn {n})"
            + ("" if violations else f"; lawful ads flagged {flagged} / {lawful}")
        )
        if not violations:
            print(f"   {'ground':20s} {'P':>6} {'R':>6}   tp  fp  fn")
            for g in sorted(set(tp) | set(fp) | set(fn)):
                print(
                    f"   {g:20s} {ratio(tp[g], tp[g] + fp[g]):>6} "
                    f"{ratio(tp[g], tp[g] + fn[g]):>6}  {tp[g]:3d} {fp[g]:3d} {fn[g]:3d}"
                )
    print(f"{len(items)} ads ({lawful} lawful)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
