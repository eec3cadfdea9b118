"""Chromium, Firefox and WebKit behind one small interface, for the tests that run in each engine.

- Chromium: Debian's, through Playwright (``CHROMIUM_PATH``, default ``/usr/bin/chromium``).
- Firefox: Debian's Firefox ESR through Playwright's WebDriver BiDi support
  (``FIREFOX_PATH``, default ``/usr/bin/firefox-esr``; pyproject.toml says
  why Playwright is pinned).
- WebKit, Safari's engine: WebKitGTK's MiniBrowser through Selenium and
  Debian's WebKitWebDriver (``WEBKIT_DRIVER_PATH``, ``MINIBROWSER_PATH``),
  on an Xvfb display, as MiniBrowser has no headless mode.

A :class:`Tab` only navigates and runs JavaScript, which all three drivers
can. WebKit's driver cannot read the console, so the page marks Python's
state and its own uncaught errors on ``<html>`` (python-client.mjs:
``data-python``, ``data-python-problem``, ``data-page-errors``) and the tests
read those in every engine alike.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

T = TypeVar("T")

ENGINES = ("chromium", "firefox", "webkit")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
FIREFOX = os.environ.get("FIREFOX_PATH") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER_PATH") or "/usr/bin/WebKitWebDriver"
MINIBROWSER = os.environ.get("MINIBROWSER_PATH") or "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"

#: What each engine lacks that the site has a fallback for (docs/javascripts/python-worker.mjs
#: lists them). The tests check that the engine still lacks it, so the fallback stays covered.
LACKS = {
    "chromium": set(),
    "firefox": set(),
    "webkit": {"jspi", "requestIdleCallback"},
}
#: The first WebKitGTK seen with JSPI: 2.50.6 (Debian 12) lacks it, 2.54.3 (Debian 13) has it
#: (both 2026-12-06; no 2.52 seen). On Debian 13, then, no engine here runs Python without JSPI.
WEBKIT_JSPI_FROM = (2, 54)


def lacks(engine: str, webkitgtk: tuple[int, ...] | None = None) -> set[str]:
    """What ``engine`` is expected to lack of LACKS; WebKitGTK's JSPI goes by its version.

    Args:
        engine: one of ENGINES.
        webkitgtk: WebKitGTK's version as numbers, e.g. ``(2, 54, 3)``; by default the
            installed one (:func:`webkitgtk_version`, read only when ``engine`` is WebKit).
            An unknown version, ``()``, counts as one without JSPI.

    Raises:
        KeyError: ``engine`` is not one of ENGINES.
    """
    if engine != "webkit":
        return set(LACKS[engine])
    version = webkitgtk_version() if webkitgtk is None else webkitgtk
    return LACKS[engine] - {"jspi"} if version >= WEBKIT_JSPI_FROM else set(LACKS[engine])


def webkitgtk_version() -> tuple[int, ...]:
    """The version of the WebKitGTK that holds MINIBROWSER, from its Debian package; () if unknown."""
    import system_packages  # scripts/system_packages.py: the same versions `make test` prints

    needs = [need for need in system_packages.TEST if need.label == "WebKitGTK"]
    found = [version for _, version in system_packages.found_versions(needs)]
    return tuple(int(part) for part in found[0].split(".")) if found and found[0] else ()


#: Python's start in a cold browser on a busy 2-core machine; the normal start (no snapshot) is slower.
PYTHON_TIMEOUT_S = 90


class PythonDidNotStart(AssertionError):
    """The page never reached the awaited state; the message holds what the page marked."""


class Tab:
    """One fresh page of one engine: ``goto``, ``js`` and ``errors``."""

    engine: str

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def before_each_page(self, script: str) -> None:
        """Run a script in every page this tab opens from now on, before the page's own scripts."""
        raise NotImplementedError(f"{self.engine}: its driver cannot run a script before the page's own")

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-like values only)."""
        raise NotImplementedError

    def resize(self, width: int, height: int) -> None:
        """Set the window to about this size; the page's ``innerWidth`` and ``innerHeight`` say what it got."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        """The page's uncaught errors (and, where the driver can read it, console errors)."""
        marked = self.js("document.documentElement.dataset.pageErrors || ''")
        return [line for line in marked.splitlines() if line]

    def state(self) -> dict[str, str | None]:
        """What the page marked about Python's start on <html>."""
        return self.js(
            "({python: document.documentElement.dataset.python ?? null,"
            " problem: document.documentElement.dataset.pythonProblem ?? null,"
            " jspi: document.documentElement.dataset.pythonJspi ?? null})"
        )

    def wait_for(self, expression: str, timeout_s: float = PYTHON_TIMEOUT_S) -> None:
        """Poll a JavaScript expression until it is truthy (an element found, say).

        Raises PythonDidNotStart naming the expression, Python's marked state
        and the page's errors, at once if Python is marked failed.
        """
        self.eventually(lambda: bool(self.js(f"Boolean({expression})")), True, timeout_s, waiting_for=expression)

    def eventually(
        self, read: Callable[[], T], expected: T, timeout_s: float = PYTHON_TIMEOUT_S, waiting_for: str = ""
    ) -> None:
        """Poll ``read()`` until it equals ``expected``; else fail showing both and Python's marked state.

        Raises PythonDidNotStart at the deadline, or at once if Python is
        marked failed; ``waiting_for`` names what was awaited in its message.
        """
        deadline = time.monotonic() + timeout_s
        while (actual := read()) != expected:
            state = self.state()
            if state["python"] == "failed" or time.monotonic() > deadline:
                awaited = f"waited for {waiting_for}" if waiting_for else f"got {actual!r}, expected {expected!r}"
                raise PythonDidNotStart(
                    f"{self.engine}: {awaited}; Python is {state['python']!r}"
                    f" ({state['problem'] or 'no problem reported'}); page errors: {self.errors()}"
                )
            time.sleep(0.1)

    def close(self) -> None:
        raise NotImplementedError


class PlaywrightTab(Tab):
    """A page in its own Playwright browser context (Chromium or Firefox)."""

    def __init__(self, engine: str, browser) -> None:
        self.engine = engine
        self._context = browser.new_context()
        self._page = self._context.new_page()
        self._console: list[str] = []
        self._page.on("console", lambda m: m.type == "error" and self._console.append(m.text))

    def goto(self, url: str) -> None:
        self._console.clear()
        self._page.goto(url)

    def before_each_page(self, script: str) -> None:
        self._page.add_init_script(script)

    def js(self, expression: str) -> Any:
        return self._page.evaluate(f"() => ({expression})")

    def resize(self, width: int, height: int) -> None:
        self._page.set_viewport_size({"width": width, "height": height})

    def errors(self) -> list[str]:
        return super().errors() + [f"console: {text}" for text in self._console]

    def close(self) -> None:
        self._context.close()


class SeleniumTab(Tab):
    """The WebKit session's page; storage is cleared between tabs, as a new tab would have none."""

    def __init__(self, driver) -> None:
        self.engine = "webkit"
        self._driver = driver

    def goto(self, url: str) -> None:
        self._driver.get(url)

    def js(self, expression: str) -> Any:
        # JSON round trip: WebKitWebDriver turns some values (elements, -0) into its own kinds.
        return json.loads(self._driver.execute_script(f"return JSON.stringify(({expression}) ?? null);"))

    def resize(self, width: int, height: int) -> None:
        # The window's own frame and MiniBrowser's toolbar take their share of it.
        self._driver.set_window_size(width, height)

    def close(self) -> None:
        self._driver.execute_script("try { localStorage.clear(); sessionStorage.clear(); } catch {}")
        self._driver.get("about:blank")


def _require(path: str, package: str, variable: str) -> None:
    if not Path(path).exists():
        raise FileNotFoundError(f"{path} not found: apt-get install {package}, or set {variable}")


@contextmanager
def launch(engine: str, playwright) -> Iterator[Any]:
    """Start one engine's browser for the test session; yields a factory of fresh Tabs."""
    if engine == "chromium":
        _require(CHROMIUM, "chromium", "CHROMIUM_PATH")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            yield lambda: PlaywrightTab(engine, browser)
        finally:
            browser.close()
    elif engine == "firefox":
        _require(FIREFOX, "firefox-esr", "FIREFOX_PATH")
        browser = playwright.firefox.launch(channel="moz-firefox", executable_path=FIREFOX, headless=True)
        try:
            yield lambda: PlaywrightTab(engine, browser)
        finally:
            browser.close()
    elif engine == "webkit":
        with _webkit() as driver:
            yield lambda: SeleniumTab(driver)
    else:
        raise ValueError(f"engine: {engine!r}; allowed: {', '.join(ENGINES)}")


@contextmanager
def _webkit() -> Iterator[Any]:
    from pyvirtualdisplay import Display
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    _require(WEBKIT_DRIVER, "webkit2gtk-driver", "WEBKIT_DRIVER_PATH")
    _require(MINIBROWSER, "libwebkit2gtk-4.1-0", "MINIBROWSER_PATH")
    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    with Display(visible=False, size=(1280, 900)):
        with warnings.catch_warnings():
            # Selenium 4.51's own WebKitGTK driver passes an argument it has deprecated.
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=Service(executable_path=WEBKIT_DRIVER))
        try:
            yield driver
        finally:
            driver.quit()
