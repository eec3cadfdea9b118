"""Bundle each of the two worker scripts with its imports, so each is one request.

A module worker asks for its static imports only once its own script has
arrived, and runs nothing until they have all come. ``python-worker.mjs``
imports the build's manifest (``python-assets.mjs``) and
``python-snapshot-delta.mjs``; ``python-snapshot-worker.mjs`` imports the
manifest, and the delta module once the delta is in. Every level of imports
cost a round trip before the worker could ask for the .wasm or the delta
(those files are served ``no-cache``, so even a copy the page holds is asked
for again). Measured on cold Decide visits at 50 Mbit/s with 40 ms latency,
alternating with the unbundled build in one run (bench/RESULTS.md): 5% sooner
to the first result; on loopback about 1%.

After ``pyodide_assets.py`` has written the manifest, esbuild (an npm
development dependency, package.json) rewrites each worker in the built site
as one ES module holding its imports. Pyodide's own modules stay apart: the
worker imports them from the runtime's folder by address, and bundling them
in as well gained nothing measurable. The page's scripts import the manifest
as before. Nothing is minified, so the shipped workers stay readable.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

#: The workers bundled, under the built site.
WORKERS = ("javascripts/python-worker.mjs", "javascripts/python-snapshot-worker.mjs")


def on_post_build(config: MkDocsConfig) -> None:
    """Replace each worker in the built site by its bundle; raise PluginError if esbuild is missing or fails."""
    root = Path(config.config_file_path).parent
    esbuild = root / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        raise PluginError(f"bundle_workers: {esbuild} is missing; run `npm ci` (make build and make serve do)")
    site = Path(config.site_dir)
    for name in WORKERS:
        # Run in the site, so the bundle's comments name its parts by their place in the site.
        done = subprocess.run(
            [str(esbuild), name, "--bundle", "--format=esm", "--log-level=warning", "--allow-overwrite", f"--outfile={name}"],
            cwd=site, capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise PluginError(f"bundle_workers: esbuild could not bundle {name}:\n{done.stderr}")
