"""Give Material's search dialog and progress bar the accessible names they lack.

axe-core (run on every page by tests/browser/test_self_hosting.py) reports a
``role="dialog"`` and a ``role="progressbar"`` without a name as serious
violations. Rather than copy Material's partials, this hook adds an
``aria-label`` to the two elements in each rendered page; if Material changes
their markup, the build fails here so the fix is not silently lost.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def on_post_page(output: str, page, config) -> str:
    """Label the search dialog and the progress bar of one rendered page."""
    for tag, labelled, required in _LABELS:
        if tag in output:
            output = output.replace(tag, labelled)
        elif required:
            raise PluginError(f"accessibility: Material's markup changed; {tag!r} not found in {page.file.src_uri}")
    return output


# Constants

#: (Material's tag, the same tag with a name, must it be on every page?)
_LABELS = (
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
        True,
    ),
    (
        '<div class="md-progress" data-md-component="progress" role="progressbar">',
        '<div class="md-progress" data-md-component="progress" role="progressbar" aria-label="Page loading">',
        True,
    ),
)
