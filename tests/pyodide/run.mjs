// Run the calculators' unit tests inside Pyodide under Node, offline.
//
// Usage: node tests/pyodide/run.mjs PACKAGES_ZIP [pytest args...]
//   PACKAGES_ZIP  pytest, hypothesis and their pure-Python dependencies, as
//                 laid out in site-packages (tests/test_pyodide.py makes it
//                 from the native virtual environment, so versions match).
// The project folder is mounted read-only into Pyodide's file system at
// /project; the exit status is pytest's.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [packagesZip, ...pytestArgs] = process.argv.slice(2);
if (!packagesZip) {
  console.error("usage: node tests/pyodide/run.mjs PACKAGES_ZIP [pytest args...]");
  process.exit(2);
}
const project = fileURLToPath(new URL("../../", import.meta.url));

const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
pyodide.unpackArchive(new Uint8Array(readFileSync(packagesZip)), "zip", { extractDir: sitePackages });
pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: project }, "/project");

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const status = pyodide.runPython(`
import os, sys
sys.dont_write_bytecode = True   # leave no Python 3.14 caches in the work tree
os.chdir("/project")
sys.path.insert(0, "/project")
import pytest
int(pytest.main(["-p", "no:cacheprovider", *pytest_args]))
`);
process.exit(status);
