"""One progress rule for every background job's bar (exports, monthly reports, the match batch)."""

import pytest

from jobdesk.common.progress import progress_percent


@pytest.mark.parametrize(
    ("done", "total", "finished", "expected"),
    [
        (0, 0, False, 0),  # nothing counted yet
        (0, 0, True, 100),  # finished with nothing to do
        (1, 3, False, 33),  # floored, never rounded up to look further along
        (2, 3, False, 66),
        (3, 3, False, 100),
        (7, 5, False, 100),  # rows added while it ran: capped
        (4, 5, True, 100),  # finished wins over the counts
    ],
)
def test_percent(done: int, total: int, finished: bool, expected: int) -> None:
    assert progress_percent(done, total, finished=finished) == expected
