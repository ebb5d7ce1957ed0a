from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.matching.factories import world


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    from jobdesk.matching.index_service import reset_index

    reset_index()
    yield
    reset_index()


@pytest.fixture
def w(personas: dict[str, Any], reference_data: None) -> dict[str, Any]:
    return world(personas)
