"""One scope source: no hand-written office-path check outside ``jobdesk/common/scoping.py``.

An office subtree written by hand (``office__path__startswith=…``, ``x.office.path.startswith``)
is how a scope rule gets copied, then forgotten when the rule changes (the A1/A10 sibling leak,
a role left out). Every such check goes through ``for_user(user, action)`` or the helpers of
``jobdesk.common.scoping``; this test reads every module of ``jobdesk`` and fails on another.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "jobdesk"
ALLOWED = {ROOT / "common" / "scoping.py"}
# Request paths (``request.path.startswith("/admin/")``) are URLs, not offices.
URL_HOLDERS = {"request"}


def office_path_checks(source: str) -> list[tuple[int, str]]:
    """The hand-written office-path checks in ``source``: (line, what)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "path__startswith" in node.value or "path__istartswith" in node.value:
                found.append((node.lineno, f"lookup {node.value!r}"))
        elif isinstance(node, ast.keyword) and node.arg and "path__" in node.arg:
            if node.arg.endswith(("path__startswith", "path__istartswith", "path__regex")):
                found.append((node.value.lineno, f"lookup {node.arg}="))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "startswith"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "path"
            and not (
                isinstance(node.func.value.value, ast.Name)
                and node.func.value.value.id in URL_HOLDERS
            )
        ):
            found.append((node.lineno, f"{ast.unparse(node.func)}(…)"))
    return found


def test_no_hand_written_office_path_check_outside_scoping():
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}: {what}"
        for path in sorted(ROOT.rglob("*.py"))
        if path not in ALLOWED and "migrations" not in path.parts
        for line, what in office_path_checks(path.read_text("utf-8"))
    ]
    assert not offenders, "use for_user(user, action) or jobdesk.common.scoping:\n" + "\n".join(
        offenders
    )


@pytest.mark.parametrize(
    "source",
    [
        "Office.objects.filter(path__startswith=office.path)",
        "Seeker.objects.filter(office__path__startswith=user.office.path)",
        "qs.filter(**{'office__path__startswith': p})",
        "ok = case.office.path.startswith(user.office.path)",
        "ok = self.path.startswith(other.path)",
    ],
)
def test_the_lint_sees_each_way_of_writing_it(source):
    assert office_path_checks(source)


@pytest.mark.parametrize(
    "source",
    [
        "request.path.startswith('/admin/')",
        "Seeker.objects.for_user(user, 'view')",
        "qs.filter(office__in=office_subtree(office))",
        "name.startswith('A')",
    ],
)
def test_the_lint_leaves_other_code_alone(source):
    assert not office_path_checks(source)
