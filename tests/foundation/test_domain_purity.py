"""Code under jobdesk.domain must run without Django (STYLE.md: plain modules)."""

import pkgutil
import subprocess
import sys

import jobdesk.domain


def test_domain_packages_import_without_django():
    modules = sorted(
        m.name
        for m in pkgutil.walk_packages(jobdesk.domain.__path__, "jobdesk.domain.")
        if not m.name.endswith("__main__")
    )
    assert "jobdesk.domain.identifiers" in modules
    code = "import sys; sys.modules['django'] = None\n" + "".join(f"import {m}\n" for m in modules)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
