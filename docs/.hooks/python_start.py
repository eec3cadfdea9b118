"""Start Python's worker early on the pages that hold a calculator.

A calculator page asks Python for its first result as soon as its form
mounts, which is after Material's deferred bundle has run. Waiting until
then left the runtime's downloads idle for most of a cold visit's first
second on a slow link (bench/RESULTS.md). This hook puts, into the head of
each page whose body holds a calculator form:

- ``<script type="module" async>`` for ``javascripts/python-start.mjs``, which
  starts the worker as soon as it has arrived, and
- ``<link rel="modulepreload">`` for that script's imports, so that they are
  fetched together with it instead of one level of imports at a time.

Pages without a calculator get neither and load no Pyodide byte.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

#: What marks a calculator page: the forms' attribute (calculator_widgets.py, training_widgets.py).
CALCULATOR = 'data-calculator="'

#: python-start.mjs and its imports, in the order they are needed.
START = "javascripts/python-start.mjs"
PRELOADS = ("javascripts/python-client.mjs", "javascripts/python-assets.mjs", "javascripts/python-diagnosis.mjs")


def on_post_page(output: str, page, config) -> str:
    """Add the early start to one rendered page, if it holds a calculator."""
    if CALCULATOR not in output:
        return output
    if output.count("</head>") != 1:
        raise PluginError(f"python_start: expected one </head> in {page.file.src_uri}")
    tags = [f'<link rel="modulepreload" href="{get_relative_url(path, page.url)}">' for path in PRELOADS]
    tags.append(f'<script type="module" async src="{get_relative_url(START, page.url)}"></script>')
    return output.replace("</head>", "".join(tags) + "</head>")
