"""URLs of jobdesk.privacy in the authorisation matrix (see tests/authz/matrix.py)."""

from __future__ import annotations

from tests.authz.matrix import MATRIX, Spec  # noqa: F401
