"""Demo data of this app, loaded by `jobdesk load-demo` (idempotent)."""

from __future__ import annotations

from typing import TextIO

from jobdesk.privacy.models import RetentionPolicy


def load_demo(out: TextIO) -> None:
    """Create this app's demo rows if missing; write one zh-Hant summary line to ``out``."""
    policy = RetentionPolicy.current()
    out.write(f"個資保存期限：{policy}。\n")
