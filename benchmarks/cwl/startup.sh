#!/usr/bin/env bash
# Times `stoa cwl run` on a trivial echo tool end to end (process start to exit, output JSON written), next to
# Debian's cwltool --no-container. Usage: benchmarks/cwl/startup.sh [RUNS]   (default 20 runs each)
set -euo pipefail
cd "$(dirname "$0")/../.."
STOA_EXE=${STOA_EXE:-$(eng/publish-stoa.sh)}
RUNS=${1:-20}
STOA=("$STOA_EXE" cwl run)
TOOL=benchmarks/cwl/echo.cwl
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

time_runs() { # name, command...
  local name=$1; shift
  "$@" --outdir "$WORK/warm" --quiet "$TOOL" >/dev/null 2>&1   # warm the file cache once
  local start end
  start=$(date +%s.%N)
  for i in $(seq "$RUNS"); do
    "$@" --outdir "$WORK/$name-$i" --quiet "$TOOL" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
    test -s "$WORK/$name-$i/out.txt"
  done
  end=$(date +%s.%N)
  SECONDS_PER_RUN[$name]=$(python3 -c "print(($end-$start)/$RUNS)")
  python3 -c "print(f'{\"$name\":10s} {${SECONDS_PER_RUN[$name]}:.3f} s per run ({$RUNS} runs)')"
}
declare -A SECONDS_PER_RUN

time_runs stoa "${STOA[@]}"
if command -v cwltool >/dev/null; then
  time_runs cwltool cwltool --no-container
else
  echo "cwltool: not installed (apt-get install cwltool)"
fi
if [ -n "${SECONDS_PER_RUN[cwltool]:-}" ]; then
  python3 -c "print(f'ratio      cwltool / stoa = {${SECONDS_PER_RUN[cwltool]} / ${SECONDS_PER_RUN[stoa]}:.1f}x')"
fi
