#!/usr/bin/env bash
# Container start-up overhead per job: the same scatter of N trivial jobs (containers.cwl) run one job at a time
# as local processes (--no-container) and in podman; (container - local) / N is what a container adds to a job.
# Needs podman and the images of eng/container-images.sh. Usage: benchmarks/cwl/containers.sh [N] (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
STOA_EXE=${STOA_EXE:-$(eng/publish-stoa.sh)}
N=${1:-20}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 -c "import json; print(json.dumps({'items': list(range($N))}))" > "$WORK/job.json"
declare -A took
for mode in --no-container "--container-engine podman"; do
  out="$WORK/out-${mode// /-}"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086 # the mode is one or two words on purpose
  "$STOA_EXE" cwl run --parallel 1 $mode --outdir "$out" --quiet benchmarks/cwl/containers.cwl "$WORK/job.json" > "$out.json"
  end=$(date +%s.%N)
  files=$(python3 -c "import json,sys; o=json.load(open('$out.json'))['outs']; print(sum(open(f['path']).read().strip()==str(i) for i,f in enumerate(o)))")
  [ "$files" = "$N" ] || { echo "$mode: only $files of $N outputs right" >&2; exit 1; }
  took[$mode]=$(python3 -c "print($end-$start)")
  printf '%-28s n=%-4s %7.2f s  %6.3f s/job\n' "$mode" "$N" "${took[$mode]}" "$(python3 -c "print(${took[$mode]}/$N)")"
done
python3 -c "print(f'container overhead per job: {(${took[--container-engine podman]}-${took[--no-container]})/$N:.3f} s')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
