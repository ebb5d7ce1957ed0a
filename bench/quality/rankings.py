"""A snapshot of the engine's rankings on the tuning set, both directions, to the bit.

    .venv/bin/python -m bench.quality.rankings --write   # refresh after an intended change

``tests/domain/test_matching_rankings.py`` compares the engine with the committed snapshot
(``tests/domain/data/matching_tuning_rankings.json``): a change made for speed only must leave
every id, score and explanation of the tuning-set queries as they were. Queries: the 46 tuning
profiles against the 1,040 real ads (top 50; top 20 under each kind of request filter), and
every 10th ad against the 46 profiles as seekers (top 20). Scores are written with ``repr`` (the
shortest string that reads back to the same float), explanations as a SHA-256 of their
``(factor, label, repr(points))`` tuples.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from jobdesk.domain.matching import Match, MatchIndex, VacancyFilters

from .data import build_ads, load_taxonomy, read_ads, read_queries

SNAPSHOT = Path(__file__).resolve().parents[2] / "tests/domain/data/matching_tuning_rankings.json"
FILTERS: dict[str, VacancyFilters | None] = {
    "none": None,
    "county": VacancyFilters(county="臺北市"),
    "min_pay": VacancyFilters(min_pay=32000),
    "shift": VacancyFilters(shifts=frozenset({"day"})),
    "prefix": VacancyFilters(occupation_prefix="5"),
}


def _rows(matches: list[Match]) -> list[list[str]]:
    out = []
    for m in matches:
        expl = repr([(c.factor, c.label, repr(c.points)) for c in m.contributions])
        out.append([m.id, repr(m.score), hashlib.sha256(expl.encode()).hexdigest()[:16]])
    return out


def snapshot(shared: Path | None = None) -> dict[str, Any]:
    taxonomy = load_taxonomy()
    ads = build_ads(read_ads(shared), taxonomy)
    queries = read_queries(taxonomy)
    forward = MatchIndex.build([a.record for a in ads], [], taxonomy)
    out: dict[str, Any] = {"top_vacancies": {}, "top_seekers": {}}
    for q in queries:
        for name, f in FILTERS.items():
            k = 50 if f is None else 20
            out["top_vacancies"][f"{q.id}/{name}"] = _rows(forward.top_vacancies(q.profile, k, f))
    both = MatchIndex.build([a.record for a in ads], [q.profile for q in queries], taxonomy)
    for a in ads[::10]:
        out["top_seekers"][a.record.id] = _rows(both.top_seekers(a.record, 20))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT.name}")
    args = parser.parse_args()
    got = snapshot()
    if args.write:
        lines = [
            f"{json.dumps(d)}: {{"
            + ",".join(
                f"\n{json.dumps(k)}: {json.dumps(rows, ensure_ascii=False)}"
                for k, rows in got[d].items()
            )
            + "}"
            for d in got
        ]
        SNAPSHOT.write_text("{" + ",\n".join(lines) + "}\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT}")
    else:
        same = json.loads(SNAPSHOT.read_text(encoding="utf-8")) == got
        print("identical" if same else "DIFFERENT")


if __name__ == "__main__":
    main()
