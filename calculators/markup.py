"""Text made safe to place inside HTML, for the calculators' renderers.

The standard library's ``html.escape`` would do, but ``import html`` also
loads ``html.entities`` (a table of every named character reference), which
the page's memory snapshot would then carry: measured with Pyodide 314.0.7,
the snapshot delta shipped to every Decide, Cost and Training cost visit was
89 KB smaller brotli-compressed (118 KB gzip) with this function instead
(issue 27). The output is the same as ``html.escape(text)``'s;
``tests/test_markup.py`` holds the two side by side on hand-worked strings.
"""

from __future__ import annotations

__all__ = ["escape"]


def escape(text: str) -> str:
    """Replace the characters that HTML gives a meaning with character references.

    ``&`` becomes ``&amp;`` (first, so no reference made here is escaped
    again), ``<`` ``&lt;``, ``>`` ``&gt;``, ``"`` ``&quot;`` and ``'``
    ``&#x27;``, as ``html.escape(text)`` (its default ``quote=True``) does;
    the result is safe in element content and in quoted attribute values.

    Args:
        text: Any text.

    Returns:
        The escaped text.

    >>> escape('<a title="Tom\\'s">R&D</a>')
    '&lt;a title=&quot;Tom&#x27;s&quot;&gt;R&amp;D&lt;/a&gt;'
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
