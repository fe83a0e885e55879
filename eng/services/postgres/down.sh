#!/usr/bin/env bash
# Stops the server up.sh started and removes its cluster.
set -euo pipefail
PORT="${STOA_PG_PORT:-55432}"
DIR="${STOA_PG_DIR:-/tmp/stoa-postgres-$PORT}"
BIN="${STOA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -d "$DIR/data" ]; then
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$DIR"
