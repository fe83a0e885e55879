#!/usr/bin/env bash
# Wall time of the whole CWL v1.2 conformance suite (-j 2, docker-only tests excluded) with `stoa cwl run` and
# with cwltool, both --no-container (the same work: tools whose DockerRequirement is only a hint run on the host; with
# containers each such test pays ~0.7 s of podman start-up here), in the same run of this script.
# Usage: benchmarks/cwl/suite.sh [stoa|cwltool|both]
set -euo pipefail
cd "$(dirname "$0")/../.."
WHICH=${1:-both}
SUITE=${STOA_CWL_CONFORMANCE:-../shared/cwl-conformance}
TOOLS=$SUITE/../tools/cwl-conformance
PY=/usr/bin/python3
run() { # name, runner command
  local log
  log=$(mktemp)
  "$PY" "${STOA_CWL_HARNESS:-$TOOLS/run-conformance.py}" --runner "$2" \
    --suite "$SUITE/v1.2/conformance_tests.yaml" \
    --exclude @"$TOOLS/needs-docker-v1.2.txt" -j 2 > "$log" 2>&1 || true
  WALL[$1]=$(sed -n 's/^wall time: \([0-9.]*\) s.*/\1/p' "$log")
  printf '%-8s %s   %s\n' "$1" "$(grep '^wall time' "$log")" "$(tail -n 1 "$log")"
  rm -f "$log"
}
declare -A WALL
# The harness runs each test in its own folder: the runner's path must be absolute.
[ "$WHICH" = cwltool ] || run stoa "$(realpath "${STOA_EXE:-$(eng/publish-stoa.sh)}") cwl run --no-container"
if [ "$WHICH" != stoa ] && command -v cwltool >/dev/null; then run cwltool "cwltool --no-container"; fi
if [ -n "${WALL[stoa]:-}" ] && [ -n "${WALL[cwltool]:-}" ]; then
  python3 -c "print(f'ratio    cwltool / stoa = {${WALL[cwltool]} / ${WALL[stoa]}:.1f}x')"
fi
