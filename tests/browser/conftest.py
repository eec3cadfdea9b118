"""Serve the built site under a sub-path on 127.0.0.1 and drive Chromium.

Playwright for Python drives Debian's Chromium (``CHROMIUM_PATH``, default
``/usr/bin/chromium``); ``playwright install`` is never needed. Every page the
tests open is watched: a request to another origin or a console error fails
the test that caused it.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site below ``sub_path`` only, with the MIME types Pyodide needs."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
    }

    def __init__(self, *args, sub_path: str, **kwargs) -> None:
        self.sub_path = sub_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.sub_path):
            return "/nonexistent"  # anything outside the sub-path is a 404
        return super().translate_path("/" + path[len(self.sub_path) :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep test output quiet


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int, sub_path: str) -> Iterator[str]:
    """The built site's address, e.g. ``http://127.0.0.1:PORT/guide/``."""
    handler = functools.partial(_SubPathHandler, directory=str(built_site), sub_path=sub_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The session's one Playwright driver, shared by every Playwright-driven engine."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh page that records foreign requests and console errors, and fails on either."""
    context = browser.new_context()
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    foreign: list[str] = []
    errors: list[str] = []

    def on_request(request) -> None:
        if not request.url.startswith((origin + "/", "data:", "blob:")):
            foreign.append(request.url)

    page.on("request", on_request)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Requests made inside the Python worker count too.
    context.on("request", on_request)
    yield page
    context.close()
    assert foreign == [], f"requests outside {origin}: {foreign}"
    assert errors == [], f"console errors: {errors}"
