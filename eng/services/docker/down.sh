#!/usr/bin/env bash
# Stops the dockerd up.sh started (by its PID file). --purge also deletes its data root and state.
set -uo pipefail
STATE=${STOA_DOCKER_STATE:-/tmp/stoa-docker}
f=$STATE/dockerd.pid
if pid=$(cat "$f" 2>/dev/null) && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]; then
  kill "$pid"
  for _ in $(seq 300); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  [ -d "/proc/$pid" ] && kill -9 "$pid"
fi
rm -f "$f"
[ "${1:-}" = --purge ] && rm -rf "$STATE" /var/lib/stoa-docker
echo "docker down"
