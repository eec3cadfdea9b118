"""Start Python's worker early on the pages that hold a calculator.

A calculator page asks Python for its first result as soon as its form
mounts, which is after Material's deferred bundle has run. Waiting until
then left the runtime's downloads idle for most of a cold visit's first
second on a slow link (bench/RESULTS.md). This hook puts, into the head of
each page whose body holds a calculator form:

- right after ``<meta charset>``, before any stylesheet (a stylesheet would
  hold a later inline script back until it arrived), an inline script
  (``python_start.js``, the same text on every page) that starts the Python
  worker and the snapshot helper while the page is still being parsed;
- ``<script type="module" async>`` for ``javascripts/python-start.mjs``, which
  takes that start over (python-client.mjs), or starts the worker itself if
  the inline script did not run, as soon as it has arrived, and
- ``<link rel="modulepreload">`` for that script's imports, so that they are
  fetched together with it instead of one level of imports at a time.

Pages without a calculator get none of these and load no Pyodide byte. The
inline script's hash joins the self-hosted policy's like Material's own
(deploy/make_dist.py, inline_script_hashes).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

#: What marks a calculator page: the forms' attribute (calculator_widgets.py, training_widgets.py).
CALCULATOR = 'data-calculator="'

#: python-start.mjs and its imports, in the order they are needed.
START = "javascripts/python-start.mjs"
PRELOADS = ("javascripts/python-client.mjs", "javascripts/python-assets.mjs", "javascripts/python-diagnosis.mjs")

#: The inline early start, without its comment lines (which stay in python_start.js), and the tag it follows.
INLINE_START = "".join(
    line for line in Path(__file__).with_name("python_start.js").read_text(encoding="utf-8").splitlines(keepends=True)
    if not line.lstrip().startswith("//")
)
CHARSET = '<meta charset="utf-8">'


def on_post_page(output: str, page, config) -> str:
    """Add the early start to one rendered page, if it holds a calculator."""
    if CALCULATOR not in output:
        return output
    if output.count("</head>") != 1 or output.count(CHARSET) != 1:
        raise PluginError(f"python_start: expected one {CHARSET} and one </head> in {page.file.src_uri}")
    folder = get_relative_url("javascripts", page.url).rstrip("/") + "/"
    inline = f'<script data-javascripts="{folder}">{INLINE_START}</script>'
    tags = [f'<link rel="modulepreload" href="{get_relative_url(path, page.url)}">' for path in PRELOADS]
    tags.append(f'<script type="module" async src="{get_relative_url(START, page.url)}"></script>')
    output = output.replace(CHARSET, CHARSET + inline)
    return output.replace("</head>", "".join(tags) + "</head>")
