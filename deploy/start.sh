#!/bin/sh
# Start nginx for the guide from this unpacked folder, with brotli if it can.
#
# Tries nginx-brotli.conf (needs Debian's libnginx-mod-http-brotli-static),
# then nginx.conf (gzip only), and runs the first that `nginx -t` accepts.
# Extra arguments go to nginx, e.g. `./start.sh -g "daemon off;"`.
# Stop it with: nginx -p "$PWD" -c CONF -s stop (CONF as printed below).
set -eu
cd "$(dirname "$0")"
for conf in nginx-brotli.conf nginx.conf; do
    if nginx -t -q -p "$PWD" -c "$conf" 2>/dev/null; then
        echo "starting nginx with $conf" >&2
        exec nginx -p "$PWD" -c "$conf" "$@"
    fi
done
echo "nginx rejects both configurations; run: nginx -t -p \"\$PWD\" -c nginx.conf" >&2
exit 1
