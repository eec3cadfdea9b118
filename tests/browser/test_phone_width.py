"""Every page at phone width: nothing pushes the page wider than the screen.

Wide tables may scroll inside their own box (Material wraps them so); the page
itself must not scroll sideways, or every line of text runs off the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

PYTHON_TIMEOUT_MS = 60_000
PHONE = {"width": 360, "height": 780}

#: Every page in the navigation, by its address below the site root.
PAGES = sorted(
    "" if p.name == "index.md" else p.stem + "/"
    for p in (Path(__file__).resolve().parents[2] / "docs").glob("*.md")
)


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone_screen(page: Page, site_url: str, path: str) -> None:
    """Assert the page is no wider than a 360 px screen, with Python's result shown where there is one."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    if path in ("decide/", "cost-estimator/"):
        expect(page.locator('[data-result][data-source="python"]').first).to_be_attached(timeout=PYTHON_TIMEOUT_MS)
        # content-visibility skips far-off parts: show them all before measuring.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > limit + 1
                && !e.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, .md-header, .md-tabs'))
            .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)""",
        PHONE["width"],
    )
    assert width <= PHONE["width"], f"{path or 'home'} is {width} px wide; widest parts: {culprits}"
