"""Pack the built site into a versioned archive for an internal web server.

``python deploy/make_dist.py SITE_DIR OUT_DIR`` writes, for version V from
``pyproject.toml``:

- ``OUT_DIR/rag-or-fine-tune-V.tar.gz``, which unpacks to
  ``rag-or-fine-tune-V/`` holding ``site/`` (the built site, with ``.gz`` and
  ``.br`` copies of large text and binary assets beside the originals),
  ``nginx.conf`` (``deploy/nginx.conf`` with the hashes of the site's inline
  scripts filled into its Content-Security-Policy), ``nginx-brotli.conf`` (the
  same, plus Debian's brotli module and ``brotli_static on;``), ``start.sh``
  (starts nginx with the first of the two that ``nginx -t`` accepts) and
  ``SHA256SUMS`` (one line per file, for ``sha256sum -c``);
- ``OUT_DIR/rag-or-fine-tune-V.tar.gz.sha256``, the archive's own checksum.

Entries are sorted and owned by root. Files keep their build time: nginx's
``ETag`` and ``Last-Modified`` come from it, so a fixed time would let
browsers keep an old page after an upgrade.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import re
import shutil
import sys
import tarfile
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
NAME = "rag-or-fine-tune"
#: Files at least this large, of these kinds, get precompressed copies.
MIN_COMPRESS_BYTES = 1024
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".zip"}
FIXED_MTIME = 1767225600  # 2026-01-01T00:00:00Z
HASH_MARKER = "@INLINE_SCRIPT_HASHES@"
#: Where Debian's libnginx-mod-http-brotli-static puts the module.
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
#: nginx-brotli.conf: each line added after the first line of nginx.conf that holds its anchor.
BROTLI_LINES = (
    ("pid nginx.pid;", f"load_module {BROTLI_MODULE};"),
    ("    gzip_static on;", "    brotli_static on;"),
)


def make_dist(site: Path, out: Path) -> Path:
    """Write the archive and its checksum file into ``out``; return the archive path."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    stem = f"{NAME}-{version}"
    out.mkdir(parents=True, exist_ok=True)
    stage = out / stem
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(site, stage / "site")
    precompress(stage / "site")
    (stage / "nginx.conf").write_text(render_nginx_conf(site))
    (stage / "nginx-brotli.conf").write_text(render_nginx_conf(site, brotli=True))
    shutil.copyfile(ROOT / "deploy" / "start.sh", stage / "start.sh")
    files = sorted(p for p in stage.rglob("*") if p.is_file())
    (stage / "SHA256SUMS").write_text(
        "".join(f"{_sha256(p)}  {p.relative_to(stage).as_posix()}\n" for p in files)
    )
    archive = out / f"{stem}.tar.gz"
    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=FIXED_MTIME) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for path in [stage, *sorted(stage.rglob("*"))]:
                info = tar.gettarinfo(str(path), path.relative_to(out).as_posix())
                info.uid = info.gid = 0
                info.uname = info.gname = "root"
                info.mode = 0o755 if path.is_dir() or path.suffix == ".sh" else 0o644
                if path.is_file():
                    with path.open("rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    shutil.rmtree(stage)
    (out / f"{archive.name}.sha256").write_text(f"{_sha256(archive)}  {archive.name}\n")
    return archive


def precompress(site: Path) -> None:
    """Write ``name.gz`` and ``name.br`` beside every large compressible file.

    A copy the build already made (MkDocs writes ``sitemap.xml.gz``) is left
    as it is, so the archive holds the built site unchanged.
    """
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_COMPRESS_BYTES:
            continue
        data = path.read_bytes()
        for suffix, compress in ((".gz", lambda d: gzip.compress(d, 9, mtime=0)), (".br", brotli.compress)):
            target = path.with_name(path.name + suffix)
            if not target.exists():
                target.write_bytes(compress(data))


def inline_script_hashes(site: Path) -> list[str]:
    """The CSP sources (``'sha256-...'``) of every executable inline script in the site."""
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for body in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def render_nginx_conf(site: Path, template: str | None = None, brotli: bool = False) -> str:
    """``deploy/nginx.conf`` with the site's inline-script hashes in its policy.

    With ``brotli``, also load Debian's brotli module (package
    ``libnginx-mod-http-brotli-static``, at BROTLI_MODULE) and turn on
    ``brotli_static`` beside ``gzip_static``, so a browser that accepts
    brotli gets the ``.br`` copies and any other the ``.gz`` ones. Raises
    ValueError when the template lacks a line these edits hang on.
    """
    text = template if template is not None else (ROOT / "deploy" / "nginx.conf").read_text()
    if HASH_MARKER not in text.split("add_header Content-Security-Policy", 1)[-1]:
        raise ValueError(f"nginx.conf: no {HASH_MARKER} in the Content-Security-Policy line")
    if brotli:
        for anchor, added in BROTLI_LINES:
            if anchor not in text:
                raise ValueError(f"nginx.conf: no {anchor!r} line to add {added!r} after")
            text = text.replace(anchor, f"{anchor}\n{added}", 1)
    return text.replace(HASH_MARKER, " ".join(inline_script_hashes(site)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _InlineScripts(HTMLParser):
    """Collect the text of inline scripts the browser would run (not JSON data blocks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._buffer: io.StringIO | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        kind = (values.get("type") or "text/javascript").lower()
        if "src" not in values and _RUNS.match(kind):
            self._buffer = io.StringIO()

    def handle_data(self, data: str) -> None:
        if self._buffer is not None:
            self._buffer.write(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._buffer is not None:
            self.scripts.append(self._buffer.getvalue())
            self._buffer = None


_RUNS = re.compile(r"^(text/javascript|application/javascript|module)$")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_dist.py SITE_DIR OUT_DIR")
    print(make_dist(Path(sys.argv[1]), Path(sys.argv[2])))
