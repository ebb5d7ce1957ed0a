"""A walk of every screen as each role (issue 10): at 1280 and 768 px wide, every page a role may
open (from the URL matrix, tests/authz) loads with no console error, no HTTP error (the page or
any of its files), no English on the zh-Hant page, no horizontal scrolling at 768 px, and — when
axe-core is at hand (``JOBDESK_AXE``: the path of ``axe.min.js``, installed with npm into a
test-only folder, see CONTRIBUTING.md) — no colour-contrast violation.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.authz.matrix import CONTEXT_BUILDERS, MATRIX

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = {
    "counsellor": "alice",
    "supervisor": "sam",
    "officer": "oscar",
    "auditor": "audrey",
    "administrator": "adam",
}
WIDTHS = (1280, 768)
AXE = os.environ.get("JOBDESK_AXE", "")

# Words of Latin letters allowed on a zh-Hant page: the product's name, the standard's id, file
# formats and acronyms staff use as they are, and the test data's own names (accounts, e-mail).
ALLOWED_WORDS = {
    "jobdesk", "BHR", "PDF", "CSV", "Excel", "xlsx", "XML", "JSON", "SHA", "PNG", "JPEG", "TOTP",
    "URI", "RFC", "Fernet", "ID", "NT", "ZIP", "csv", "API",
    # authenticator apps named on the 2FA pages
    "App", "Google", "Microsoft", "Authenticator", "FreeOTP",
    # column names an import file must have (台灣就業通's feed, the sample CSV), quoted as they are
    "OCCU_DESC", "COMPNAME", "hire_id", "title", "company",
}  # fmt: skip
LATIN = re.compile(r"[A-Za-z][A-Za-z_'’]*(?:-[A-Za-z]+)*")
EMAIL = re.compile(r"\S+@\S+")
CODEISH = re.compile(r"\b[A-Za-z]*\d[\w.-]*\b")  # codes with digits: T1.2, NB-SC, O3.3.2, v2


# The page's text as a reader sees it, less code samples (<code>: keys, URIs, event codes).
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll("code, script, style, [hidden]").forEach((el) => el.remove());
  // a detached copy has no layout: innerText is textContent, options and cells run together
  body.querySelectorAll("option, td, th, li").forEach((el) => el.append(" "));
  return body.innerText;
}"""


def _english_words(text: str, allowed: set[str]) -> list[str]:
    text = CODEISH.sub(" ", EMAIL.sub(" ", text))
    found = []
    for match in LATIN.finditer(text):
        if len(match.group()) >= 3 and match.group() not in allowed:
            found.append(f"{match.group()} «{text[max(0, match.start() - 15) : match.end() + 15]}»")
    return found


def _screens(role_user: Any, ctx: dict[str, Any]) -> list[tuple[str, str, tuple[int, ...]]]:
    screens = []
    for name, spec in sorted(MATRIX.items()):
        if spec.public or spec.method != "get" or role_user.role not in spec.roles:
            continue
        screens.append((name, reverse(name, kwargs=spec.make(ctx)), spec.ok_status))
    if role_user.role == "administrator":
        screens.append(("jobdesk_admin:index", reverse("jobdesk_admin:index"), (200,)))
    return screens


def _session_cookie(user: Any, base_url: str) -> dict[str, str]:
    client = Client()
    client.force_login(user)  # with the second factor passed (tests/conftest.py)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_screen_as_each_role(
    role, browser, live_server, personas, offices, reference_data, settings, tmp_path
):
    # given the data the URL matrix builds (cases, referrals, vacancies … in centre A)
    settings.MEDIA_ROOT = tmp_path
    ctx: dict[str, Any] = {"personas": personas, "offices": offices}
    for build in CONTEXT_BUILDERS:
        build(ctx)
    user = personas[ROLES[role]]
    allowed = ALLOWED_WORDS | {p.username for p in personas.values()}
    allowed |= {p.display_name for p in personas.values()}
    axe_source = Path(AXE).read_text(encoding="utf-8") if AXE else ""
    problems: list[str] = []
    checked_with_axe = 0
    screens = _screens(user, ctx)
    assert screens, role
    for width in WIDTHS:
        context = browser.new_context(locale="zh-TW", viewport={"width": width, "height": 1024})
        context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15000)
        seen = _watch(page)
        for name, url, ok_status in screens:
            seen.clear()
            # when the role opens the screen
            where = f"{role} {width}px {name}"
            try:
                response = page.goto(f"{live_server.url}{url}", wait_until="load")
            except PlaywrightError as error:
                if "Download is starting" not in str(error):
                    raise
                # a file (CSV, .xlsx, the DSR copy): it answers, as an attachment
                download = page.request.get(f"{live_server.url}{url}")
                if download.status not in ok_status:
                    problems.append(f"{where}: HTTP {download.status}")
                continue
            status = response.status if response else 0
            # then it loads, quietly, in Chinese
            # an expected error status is reported twice: as HTTP and as the console's
            # "Failed to load resource" of the page itself
            expected_error = status >= 400 and status in ok_status
            errors = [
                s
                for s in seen
                if not (s.startswith("HTTP") and status in ok_status)
                and not (expected_error and f"status of {status}" in s)
            ]
            if status not in ok_status:
                problems.append(f"{where}: HTTP {status}")
            problems += [f"{where}: {s}" for s in errors]
            if "html" in (response.headers.get("content-type", "") if response else ""):
                words = _english_words(page.evaluate(VISIBLE_TEXT), allowed)
                if words:
                    problems.append(f"{where}: English {words[:6]}")
                if width == 768:
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    if scroll > width:
                        problems.append(f"{where}: {scroll}px wide at 768")
                if axe_source:
                    problems += [f"{where}: axe {v}" for v in _axe(page, axe_source)]
                    checked_with_axe += 1
        context.close()
    assert not problems, "\n".join(problems)
    assert checked_with_axe or not axe_source


def _watch(page: Any) -> list[str]:
    """What goes wrong on ``page`` from now on: console errors, page errors, HTTP errors."""
    seen: list[str] = []

    def console(message: Any) -> None:
        if message.type == "error":
            seen.append(f"console {message.type}: {message.text}")

    def response(answer: Any) -> None:
        if answer.status >= 400:
            seen.append(f"HTTP {answer.status} {answer.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    page.on("response", response)
    page.on("requestfailed", lambda request: seen.append(f"failed {request.url}"))
    return seen


def _axe(page: Any, source: str) -> list[str]:
    """Serious and critical violations of every axe-core rule on the page (run in the page
    through the DevTools protocol, so the page's CSP stays as it is). An htmx fragment opened on
    its own (a panel the home page loads) is not a document: the rules about the document's
    title and language are not asked of it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate(
        """async () => {
          const fragment = document.doctype === null;
          const rules = fragment
            ? { "document-title": { enabled: false }, "html-has-lang": { enabled: false } }
            : {};
          const r = await axe.run(document, { rules });
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "));
        }"""
    )
    return list(result)
