"""Run deploy/nginx.conf on a free port of 127.0.0.1, as the current user, for tests and the benchmark.

``serve(site)`` is a context manager: it renders the configuration that
``make dist`` ships (inline-script hashes filled in) into a temporary prefix,
picking ``nginx-brotli.conf`` when ``nginx -t`` accepts it (Debian's brotli
module is installed) and ``nginx.conf`` otherwise, as ``start.sh`` does,
starts Debian's nginx (``NGINX_PATH``, default ``/usr/sbin/nginx``) in the
foreground, waits until it accepts connections and yields the site's address,
``http://127.0.0.1:PORT/guide/``. nginx stops when the block ends.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_dist  # noqa: E402  (a script folder, not a package)

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
BROTLI_MODULE = os.environ.get("NGINX_BROTLI_MODULE", make_dist.BROTLI_MODULE)
START_TIMEOUT_S = 30


class NginxError(RuntimeError):
    """nginx is missing, exited, or did not listen; the message holds its own log."""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` (a built site folder) under /guide/ and yield its URL.

    Raises NginxError when nginx is not installed, exits early, or does not
    listen within START_TIMEOUT_S seconds.
    """
    if not Path(NGINX).exists():
        raise NginxError(f"nginx not found at {NGINX}: apt-get install nginx, or set NGINX_PATH")
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        prefix = Path(tmp)
        (prefix / "site").symlink_to(Path(site).resolve(), target_is_directory=True)
        port = _free_port()
        for brotli in (True, False):  # nginx-brotli.conf, then nginx.conf
            conf = make_dist.render_nginx_conf(site, brotli=brotli).replace(make_dist.BROTLI_MODULE, BROTLI_MODULE)
            for old, new in (("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};"), ("user www-data;", f"user {getpass.getuser()};")):
                if old not in conf:
                    raise NginxError(f"deploy/nginx.conf no longer has {old!r}; update deploy/local_nginx.py")
                conf = conf.replace(old, new)
            (prefix / "nginx.conf").write_text(conf)
            check = subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", "nginx.conf"], capture_output=True, check=False)
            if check.returncode == 0:
                break
        log_path = prefix / "stderr.log"
        with log_path.open("w") as log:
            server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", "nginx.conf", "-g", "daemon off;"], stderr=log)
            try:
                _wait_for_port(port, server, log_path)
                yield f"http://127.0.0.1:{port}/guide/"
            finally:
                server.terminate()
                server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, log: Path) -> None:
    """Wait for nginx to accept connections; raise NginxError with its own log if it exits or never listens."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise NginxError(f"nginx exited with {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            try:
                server.wait(timeout=0.1)  # returns at once if nginx exits
            except subprocess.TimeoutExpired:
                pass
    raise NginxError(f"nginx did not listen on port {port}:\n{log.read_text()}")
