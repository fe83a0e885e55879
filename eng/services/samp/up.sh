#!/usr/bin/env bash
# Starts a real SAMP hub (astropy) and a recording receiver (receiver.py) on 127.0.0.1, unless they run.
# Idempotent (a second call starts nothing); installs python3-astropy when root and it is missing; prints one line.
#   STOA_SAMP_DIR   state: samp.lock, hub.pid, receiver.pid, received.jsonl, tables/, logs (default /tmp/stoa-samp)
#   STOA_SAMP_NAME  the receiver's samp.name (default test-receiver)
# Clients: export SAMP_HUB=std-lockurl:file://$STOA_SAMP_DIR/samp.lock. Stop with down.sh.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${STOA_SAMP_DIR:-/tmp/stoa-samp}
NAME=${STOA_SAMP_NAME:-test-receiver}
PY=/usr/bin/python3   # Debian's: the python3 first on PATH may not see python3-astropy
fail() { echo "samp/up.sh: $*" >&2; tail -n 20 "$DIR"/*.log >&2 2>/dev/null; exit 1; }
# running PIDFILE SCRIPT: the process in PIDFILE is alive and runs SCRIPT
running() { local pid; pid=$(cat "$1" 2>/dev/null) && [ -r "/proc/$pid/cmdline" ] && grep -qa "$2" "/proc/$pid/cmdline"; }
# within SECONDS CMD...: CMD succeeds before SECONDS pass
within() { local end=$(( SECONDS + $1 )); shift; until "$@" 2>/dev/null; do [ $SECONDS -lt $end ] || return 1; sleep 0.1; done; }

mkdir -p "$DIR"
# Parallel callers take turns; the daemons must not keep the lock (9>&-).
exec 9>"$DIR/up.lock"
flock -w 120 9 || fail "another up.sh holds $DIR/up.lock"
if ! $PY -c 'import astropy.samp' 2>/dev/null; then
  [ "$(id -u)" = 0 ] || fail "python3-astropy is missing: apt-get install python3-astropy (as root)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-astropy >/dev/null
fi
if ! running "$DIR/hub.pid" hub.py; then
  setsid $PY "$HERE/hub.py" "$DIR/samp.lock" "$DIR/hub.pid" </dev/null >"$DIR/hub.log" 2>&1 9>&- &
  within 30 test -s "$DIR/samp.lock" -a -s "$DIR/hub.pid" || fail "the hub wrote no lockfile"
fi
if ! running "$DIR/receiver.pid" receiver.py; then
  rm -f "$DIR/receiver.ready"
  setsid $PY "$HERE/receiver.py" "$DIR/samp.lock" "$NAME" "$DIR" </dev/null >"$DIR/receiver.log" 2>&1 9>&- &
  echo $! >"$DIR/receiver.pid"
fi
within 30 test -e "$DIR/receiver.ready" || fail "the receiver did not subscribe"
echo "samp up: SAMP_HUB=std-lockurl:file://$DIR/samp.lock $(grep -o 'http://[^ ]*' "$DIR/samp.lock") receiver=$NAME log=$DIR/received.jsonl"
