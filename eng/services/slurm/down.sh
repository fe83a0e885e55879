#!/usr/bin/env bash
# Stops the Slurm daemons up.sh started (by the PID files in $STOA_SLURM_STATE/run), cancelling queued jobs first
# so that none outlives slurmd. munged only if up.sh started it. --purge also deletes the state dir.
set -uo pipefail
STATE=${STOA_SLURM_STATE:-/tmp/stoa-slurm}
alive() { local pid; pid=$(cat "$1" 2>/dev/null) && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]; }
if alive "$STATE/run/slurmctld.pid" slurmctld; then
  scancel --full --quiet $(squeue -h -o %A 2>/dev/null) 2>/dev/null
  for _ in $(seq 100); do [ -z "$(squeue -h -t PD,R,CG -o %A 2>/dev/null)" ] && break; sleep 0.1; done
fi
for d in slurmd slurmctld munged; do
  f=$STATE/run/$d.pid
  if alive "$f" "$d"; then
    pid=$(cat "$f"); kill "$pid"
    for _ in $(seq 200); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && kill -9 "$pid"
  fi
  rm -f "$f"
done
[ "${1:-}" = --purge ] && rm -rf "$STATE"
echo "slurm down"
