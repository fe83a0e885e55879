#!/usr/bin/env bash
# Stops the receiver and the hub that up.sh started (by their PID files); --purge also deletes the state dir.
set -uo pipefail
DIR=${STOA_SAMP_DIR:-/tmp/stoa-samp}
for what in receiver hub; do
  pid=$(cat "$DIR/$what.pid" 2>/dev/null) || continue
  if [ -r "/proc/$pid/cmdline" ] && grep -qa "$what.py" "/proc/$pid/cmdline"; then
    kill "$pid"
    for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && kill -9 "$pid"
  fi
  rm -f "$DIR/$what.pid"
done
rm -f "$DIR/receiver.ready"
[ "${1:-}" = --purge ] && rm -rf "$DIR"
echo "samp down"
