"""Fail the build when the site would fetch anything from another origin.

The guide must work on an internal network with no internet access. After the
build, every page, stylesheet and script in the site folder is read, and each
place where the browser would *fetch* a resource is checked:

- HTML: ``src``/``href``/``srcset``/``poster``/``data`` on ``script``,
  ``link`` (except ``rel`` values that fetch nothing, such as ``canonical``),
  ``img``, ``source``, ``iframe``, ``video``, ``audio``, ``track``, ``embed``,
  ``object``, ``input``; inline ``style`` attributes and ``<style>`` blocks;
- CSS: ``url(...)`` and ``@import``;
- JavaScript: static and dynamic ``import`` and ``fetch`` of absolute URLs,
  plus ``importScripts`` and ``new Worker``.

An address that names a scheme and host (``https://...``) or is
protocol-relative (``//host/...``) counts as another origin. Ordinary
``<a href>`` links to other sites stay allowed: following one is the reader's
choice. Nothing is fetched and nothing is written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_post_build(config: MkDocsConfig) -> None:
    """Scan the built site and fail with every offending file and address."""
    offenders = find_foreign_fetches(Path(config.site_dir))
    if offenders:
        listed = "\n".join(f"  {path}: {url}" for path, url in offenders)
        raise PluginError(
            "air_gap: the site would fetch from another origin, which fails on an "
            f"internal network; self-host these instead:\n{listed}"
        )


# Helpers


def find_foreign_fetches(site: Path) -> list[tuple[str, str]]:
    """Return ``(relative path, address)`` for every foreign fetch in ``site``."""
    found: list[tuple[str, str]] = []
    for path in sorted(site.rglob("*")):
        scanner = _SCANNERS.get(path.suffix)
        if scanner is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend((path.relative_to(site).as_posix(), url) for url in scanner(text))
    return found


def scan_html(text: str) -> list[str]:
    """Foreign addresses an HTML page would fetch (tags, inline CSS and scripts)."""
    parser = _FetchParser()
    parser.feed(text)
    parser.close()
    return parser.foreign


def scan_css(text: str) -> list[str]:
    """Foreign addresses in ``url()`` and ``@import`` of a stylesheet."""
    text = _CSS_COMMENT.sub("", text)
    urls = [m.group("url") for m in _CSS_URL.finditer(text)]
    urls += [m.group("url") for m in _CSS_IMPORT.finditer(text)]
    return [u.strip("'\"") for u in urls if _is_foreign(u)]


def scan_js(text: str) -> list[str]:
    """Foreign absolute addresses passed to ``import``, ``fetch`` or a worker."""
    return [m.group("url")[1:-1] for m in _JS_FETCH.finditer(text) if _is_foreign(m.group("url"))]


def _is_foreign(url: str) -> bool:
    url = url.strip().strip("'\"")
    return bool(_FOREIGN.match(url))


class _FetchParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.foreign: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _FETCHING_TAGS and not (
            tag == "link" and set(values.get("rel", "").lower().split()) <= _NON_FETCHING_RELS
            and values.get("rel")
        ):
            for name in _FETCHING_ATTRS:
                if name not in values:
                    continue
                candidates = (
                    [part.strip().split(" ")[0] for part in values[name].split(",")]
                    if name in ("srcset", "imagesrcset")
                    else [values[name]]
                )
                self.foreign += [u for u in candidates if _is_foreign(u)]
        if "style" in values:
            self.foreign += scan_css(values["style"])
        if tag in ("style", "script"):
            self._inside = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "style":
            self.foreign += scan_css(data)
        elif self._inside == "script":
            self.foreign += scan_js(data)


# Constants

_SCANNERS = {".html": scan_html, ".css": scan_css, ".js": scan_js, ".mjs": scan_js}

#: A scheme with a host, or a protocol-relative address: another origin.
_FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)

_FETCHING_TAGS = {
    "script", "link", "img", "source", "iframe", "video", "audio", "track",
    "embed", "object", "input", "image", "use",
}
_FETCHING_ATTRS = ("src", "href", "srcset", "imagesrcset", "poster", "data", "xlink:href")
#: ``<link rel>`` values that name a page without fetching it.
_NON_FETCHING_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "me"}

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?P<url>"[^"]*"|'[^']*'|[^)\s]*)\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?P<url>"[^"]*"|'[^']*')""", re.I)
_JS_FETCH = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimport\b[^'"`;()]*?\bfrom\s*|\bimport\s*|\bfetch\s*\(\s*|"""
    r"""\bimportScripts\s*\(\s*|\bnew\s+(?:Shared)?Worker\s*\(\s*|\bnew\s+EventSource\s*\(\s*|"""
    r"""\bnew\s+WebSocket\s*\(\s*)(?P<url>["'`][a-z][a-z0-9+.-]*://[^"'`]*["'`]|["'`]//[^"'`]+["'`])""",
    re.I,
)
