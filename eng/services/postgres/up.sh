#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (issue 17): Debian's postgresql package, a fresh cluster in a
# temporary directory, owned by the unprivileged 'postgres' user (the server refuses to run as root), listening on
# 127.0.0.1 only, on its own port. Prints the connection URI and writes it to $STOA_PG_DIR/uri, so a test run can
# export STOA_TEST_POSTGRES="$(eng/services/postgres/up.sh)". Trust authentication on loopback: the cluster holds
# test data only and lives as long as the run. Stop it with down.sh.
set -euo pipefail
PORT="${STOA_PG_PORT:-55432}"
DIR="${STOA_PG_DIR:-/tmp/stoa-postgres-$PORT}"
BIN="${STOA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -f "$DIR/uri" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  cat "$DIR/uri"; exit 0   # already up
fi
rm -rf "$DIR"
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"
as_pg "$BIN/initdb" -D "$DIR/data" -U stoa --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
URI="postgresql://stoa@127.0.0.1:$PORT/postgres"
echo "$URI" >"$DIR/uri"
echo "$URI"
