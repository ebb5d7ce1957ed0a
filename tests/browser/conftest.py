"""Real-browser flows: Playwright for Python driving Debian's Chromium (never a downloaded one)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

from tests.conftest import CHROMIUM

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
# are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Held while the live server answers a request. A test that ends while the page is still loading
# (a home page's panels come by htmx after the load) leaves a request running on the server's own
# PostgreSQL connection; the database flush after the test would then take its table locks beside
# that request's ("deadlock detected" in CI). The page fixture waits for the server to be idle.
_ANSWERING = threading.Lock()


class _SerialWSGIServer(WSGIServer):
    """The live server answers one request at a time. The test database is one SQLite
    connection shared with the server thread, and htmx requests (the vacancy form's §5 check
    while typing, panels loaded on page load) would otherwise run beside a form's POST on it
    ("cannot start a transaction within a transaction"). Production servers have a connection
    per worker and are not concerned."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        # LiveServerThread.run() already installs the shared connections in this thread
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with _ANSWERING:
            super().process_request(request, client_address)


LiveServerThread.server_class = _SerialWSGIServer


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM:
                item.add_marker(
                    pytest.mark.skip(reason="找不到 Chromium（apt-get install chromium）")
                )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-TW", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    # the requests the page still has in flight (panels, a §5 check while typing) end first;
    # a page that never goes idle is closed all the same
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=5000)
    context.close()
    # and a request the server took before the browser went away is answered before the flush
    if _ANSWERING.acquire(timeout=30):
        _ANSWERING.release()


@pytest.fixture
def login(page: Any, live_server: Any) -> Any:
    from tests.conftest import PASSWORD

    def do_login(user: Any) -> Any:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("帳號").fill(user.username)
        page.get_by_label("密碼").fill(PASSWORD)
        page.get_by_role("button", name="登入").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do_login


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot for the README (only when JOBDESK_SCREENSHOTS=1, to keep runs clean)."""
    if os.environ.get("JOBDESK_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
