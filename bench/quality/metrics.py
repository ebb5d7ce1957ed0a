"""nDCG@k (graded, exponential gain), Recall@k (grade ≥ 2) and a bootstrap CI of the mean."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

RELEVANT = 2


def dcg(grades: Sequence[int]) -> float:
    return float(sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades)))


def ndcg(ranked: Sequence[str], judged: dict[str, int], k: int = 10) -> float:
    """Unjudged ads count as grade 0; the ideal ranking is over every judged ad of the query."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(d, 0) for d in ranked[:k]]) / ideal


def recall(ranked: Sequence[str], judged: dict[str, int], k: int = 50) -> float | None:
    relevant = {d for d, g in judged.items() if g >= RELEVANT}
    if not relevant:
        return None
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def bootstrap_ci(
    values: Sequence[float], rounds: int = 2000, seed: int = 20260204
) -> tuple[float, float]:
    """Percentile 95% interval of the mean over queries (queries resampled with replacement)."""
    if not values:
        return float("nan"), float("nan")
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], rounds: int = 2000, seed: int = 20260204
) -> tuple[float, float]:
    """95% interval of mean(a − b) over queries, resampling queries jointly."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    return bootstrap_ci(diffs, rounds, seed)
