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
) + [
    # The widest state of the widest page: three scenarios side by side and on the chart.
    "cost-estimator/?scenario=Today%3A&scenario=Self-hosted%3Aft_serving%3Dself-hosted"
    "&scenario=Monthly%20retrain%3Aft_retrain_every_months%3D1",
]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.split("?")[0].strip("/") + ("-scenarios" if "?" in p else "") or "home")
def test_page_fits_a_phone_screen(page: Page, site_url: str, path: str) -> None:
    """Assert the page is no wider than a 360 px screen, with Python's result shown where there is one."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    if path.startswith(("decide/", "cost-estimator/", "training-cost/")):
        expect(page.locator('[data-result][data-source="python"]').first).to_be_attached(timeout=PYTHON_TIMEOUT_MS)
        if "scenario=" in path:
            expect(page.locator("#cost-scenarios table.rft-scenarios tbody tr")).to_have_count(3, timeout=PYTHON_TIMEOUT_MS)
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
