"""Fetch a file a start from the memory snapshot left out, the first time Python needs it.

Runs inside Pyodide: ``make_snapshot.mjs`` imports this module and calls
``install()`` as the last step before it takes the snapshot, so the finder is
part of every start from the snapshot and of no other start.

A snapshot holds Python's memory, not its file system. A start from it
(``python-worker.mjs``) downloads neither of the two zips a normal start
needs: the calculators are imported already, and every standard-library
module they loaded is too, so the browser mounts a 22-byte empty zip where
the standard library was (0.72 MB not downloaded). Python still holds the
real zip's index (zipimport's cache) and finds no calculators source on disk,
so an import of anything not yet loaded would fail: a calculators module
loaded on demand (one only some pages call), or a standard-library module
such a module imports.

This finder, first on ``sys.meta_path``, sees such an import coming. If the
module lives in one of the two zips and that zip is not on disk yet, it gets
the zip's bytes from ``_snapshot_files.fetch(kind)`` (``"stdlib"`` or
``"calculators"``; a module the worker registers, which downloads with a
synchronous request, as workers may) and puts them where a normal start
would have: the standard library over the empty zip, the calculators
unpacked into site-packages. Then the normal finders go on as usual. Nothing
is fetched while every import finds its module loaded already.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
import zipimport


class FilesOnDemand:
    """A meta-path finder that fetches the standard library or the calculators zip on first need."""

    def __init__(self, stdlib_zip: str, site_packages: str, package: str) -> None:
        self.stdlib_zip = stdlib_zip
        self.site_packages = site_packages
        self.package_modules = _modules_under(site_packages, package)
        self.missing = {"stdlib", "calculators"}

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        """Fetch the zip that holds ``name``, if one does and it is still missing; never returns a spec."""
        if "stdlib" in self.missing and _in_zip_index(self.stdlib_zip, name):
            self._fetch("stdlib")
        elif "calculators" in self.missing and name in self.package_modules:
            self._fetch("calculators")
        return None

    def _fetch(self, kind: str) -> None:
        self.missing.discard(kind)
        if not self.missing:
            sys.meta_path.remove(self)
        try:
            from _snapshot_files import fetch  # registered by python-worker.mjs
        except ImportError:
            return  # not a browser start: let the import fail the usual way
        data = fetch(kind).to_bytes()
        if kind == "stdlib":
            with open(self.stdlib_zip, "wb") as out:
                out.write(data)
        else:
            zipfile.ZipFile(io.BytesIO(data)).extractall(self.site_packages)
            for finder in list(sys.path_importer_cache.values()):
                if not isinstance(finder, zipimport.zipimporter) and hasattr(finder, "invalidate_caches"):
                    finder.invalidate_caches()


def install(package: str) -> FilesOnDemand:
    """Put the finder first on ``sys.meta_path``, for the standard library zip and ``package`` in site-packages."""
    stdlib_zip = next(p for p in sys.path if p.endswith(".zip"))
    site_packages = next(p for p in sys.path if p.endswith("site-packages"))
    finder = FilesOnDemand(stdlib_zip, site_packages, package)
    sys.meta_path.insert(0, finder)
    return finder


def _in_zip_index(archive: str, name: str) -> bool:
    files = zipimport._zip_directory_cache.get(archive, {})
    stem = name.replace(".", "/")
    return any(stem + suffix in files for suffix in ("/__init__.py", ".py", "/__init__.pyc", ".pyc"))


def _modules_under(site_packages: str, package: str) -> frozenset[str]:
    """Dotted names of every module and package under ``site_packages/package``."""
    names = set()
    for folder, _, files in os.walk(os.path.join(site_packages, package)):
        dotted = os.path.relpath(folder, site_packages).replace(os.sep, ".")
        names.add(dotted)
        names.update(f"{dotted}.{file[:-3]}" for file in files if file.endswith(".py") and file != "__init__.py")
    return frozenset(names)
