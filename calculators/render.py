"""HTML for calculator results, shared by the build and the browser.

The site's build hook calls these functions to put a result into the page
before any JavaScript runs, and the Pyodide worker calls the very same
functions when an answer changes, so a result looks identical whichever side
computed it. Output is an HTML fragment with every user-visible string
escaped; it carries no inline scripts or styles, so a strict
Content-Security-Policy allows it.
"""

from __future__ import annotations

from html import escape

from .decision import Recommendation

__all__ = ["render_decision"]

#: Where the cheat sheet lives, relative to the Decide page.
CHEAT_SHEET_URL = "../cheat-sheet/"


def render_decision(recommendation: Recommendation) -> str:
    """Render a recommendation as an HTML fragment for the Decide page.

    Args:
        recommendation: The result of :func:`calculators.recommend`.

    Returns:
        HTML: a headline naming the approach, then one list item per reason,
        each linking to its rule on the cheat sheet.
    """
    items = "".join(
        f'<li><a href="{CHEAT_SHEET_URL}#rule-{escape(reason.rule)}">'
        f"{escape(reason.text)}</a></li>"
        for reason in recommendation.reasons
    )
    return (
        f'<p class="rft-result__headline">Recommendation: '
        f"<strong>{escape(recommendation.title)}</strong></p>"
        f'<ul class="rft-result__reasons">{items}</ul>'
    )
