"""Command line: ``python -m jobdesk.domain.adcheck FILE`` (``-`` for standard input)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .stream import check_jsonl_stream


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write(
            "用法：python -m jobdesk.domain.adcheck 檔案（JSON lines 或 CSV；- 為標準輸入）\n"
        )
        return 2
    if args[0] == "-":
        check_jsonl_stream(sys.stdin, sys.stdout)
        return 0
    with open(args[0], encoding="utf-8-sig", newline="") as infile:
        check_jsonl_stream(infile, sys.stdout)
    return 0
