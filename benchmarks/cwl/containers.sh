#!/usr/bin/env bash
# Container start-up overhead per job, and stoa against cwltool on containerised jobs, in one run: the same scatter
# of N trivial jobs (containers.cwl) run one job at a time
#   stoa --no-container             local processes
#   stoa --container-engine podman  each job in a podman container
#   cwltool --podman                the same containers through cwltool (skipped when cwltool is not installed)
# (podman - local) / N is what a container adds to a job; stoa's outputs are checked (file i holds i) and must be
# all right. cwltool gives every job of a scatter the same stdout name and keeps one file (see scatter.sh): its count
# of right files is printed, not required. The image is named docker.io/library/… because cwltool looks for it by
# that name in `podman images` and pulls otherwise. Needs podman and the images of eng/container-images.sh.
# Usage: benchmarks/cwl/containers.sh [N] (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
STOA_EXE=${STOA_EXE:-$(eng/publish-stoa.sh)}
N=${1:-20}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -c "import json; print(json.dumps({'items': list(range($N))}))" > "$WORK/job.json"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; podman $(podman --version | cut -d' ' -f3)"

check() { # output json -> how many of the N outputs are distinct files holding their index
  python3 - "$1" <<'PY'
import json, os, sys
out = json.load(open(sys.argv[1]))["outs"]
paths = [f["path"] if "path" in f else f["location"][len("file://"):] for f in out]
print(sum(1 for i, p in enumerate(paths) if os.path.exists(p) and open(p).read().strip() == str(i) and paths.count(p) == 1))
PY
}

declare -A took
run() { # label required-right cmd...
  local label=$1 required=$2; shift 2
  local out="$WORK/out-${label//[^a-z]/-}" start end right
  start=$(date +%s.%N)
  "$@" --outdir "$out" --quiet benchmarks/cwl/containers.cwl "$WORK/job.json" > "$out.json" 2> "$out.err" \
    || { echo "$label failed:" >&2; tail -5 "$out.err" >&2; exit 1; }
  end=$(date +%s.%N)
  right=$(check "$out.json")
  [ "$required" = no ] || [ "$right" = "$N" ] || { echo "$label: only $right of $N outputs right" >&2; exit 1; }
  took[$label]=$(python3 -c "print($end-$start)")
  printf '%-32s n=%-4s %8.2f s  %6.3f s/job  %s/%s outputs right\n' "$label" "$N" "${took[$label]}" "$(python3 -c "print(${took[$label]}/$N)")" "$right" "$N"
}

run "stoa --no-container" yes "$STOA_EXE" cwl run --parallel 1 --no-container
run "stoa --container-engine podman" yes "$STOA_EXE" cwl run --parallel 1 --container-engine podman
if command -v cwltool >/dev/null; then
  # cwltool passes --userns=keep-id, which podman refuses to root ("keep-id is only supported in rootless mode");
  # as root it runs through a shim that drops that one flag (stoa passes it only when not root).
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$WORK/bin"
    printf '#!/bin/sh\nfor a in "$@"; do shift; [ "$a" = "--userns=keep-id" ] || set -- "$@" "$a"; done\nexec %s "$@"\n' "$(command -v podman)" > "$WORK/bin/podman"
    chmod +x "$WORK/bin/podman"
  fi
  PATH="$WORK/bin:$PATH" run "cwltool --podman" no cwltool --podman
fi
python3 - <<PY
local, podman = ${took[stoa --no-container]}, ${took[stoa --container-engine podman]}
print(f"container overhead per job (stoa): {(podman - local) / $N:.3f} s; podman/local = {podman / local:.1f}x")
cwl = "${took[cwltool --podman]:-}"
if cwl:
    print(f"cwltool --podman / stoa podman = {float(cwl) / podman:.2f}x")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
