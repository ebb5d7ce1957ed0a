"""How far a background job has come, as the progress bars show it (one rule for every job)."""

from __future__ import annotations


def progress_percent(done: int, total: int, *, finished: bool) -> int:
    """Whole percent 0–100: 100 once the job is finished, 0 while nothing is counted yet.

    Counts can overshoot their total (rows added while a job runs), so the figure is capped.
    """
    if finished:
        return 100
    if total <= 0:
        return 0
    return max(0, min(100, done * 100 // total))
