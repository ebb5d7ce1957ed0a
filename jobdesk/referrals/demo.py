"""Demo data of this app, loaded by `jobdesk load-demo` (idempotent)."""

from __future__ import annotations

from typing import TextIO

from jobdesk.referrals.seed import seed_resources


def load_demo(out: TextIO) -> None:
    """Create this app's demo rows if missing; write one zh-Hant summary line to ``out``."""
    created = seed_resources()
    out.write(f"轉介資源：新增 {created} 筆。\n")
