#!/usr/bin/env bash
# Runs a scatter of N trivial jobs (fixed stdout name) with `stoa cwl run` and with cwltool --no-container,
# checks every output file (N distinct existing files holding 0..N-1), prints wall times. Beside them, `floor` is
# spawn-floor.c (built here with cc/clang): the same N echo processes with their own directories and nothing else,
# on the same number of workers — what process creation alone costs on this machine.
# Usage: benchmarks/cwl/scatter.sh [N ...]   (default: 100 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
STOA_EXE=${STOA_EXE:-$(eng/publish-stoa.sh)}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STOA=("$STOA_EXE" cwl run --parallel "$(nproc)")

check() { # output json, n  -> prints how many distinct existing files with the right contents
  python3 - "$1" "$2" <<'PY'
import json, os, sys
out = json.load(open(sys.argv[1]))["outs"]
n = int(sys.argv[2])
paths = [f["path"] if "path" in f else f["location"][len("file://"):] for f in out]
ok = sum(1 for i, p in enumerate(paths) if os.path.exists(p) and open(p).read().strip() == str(i))
print(f"{len(set(paths))} distinct paths, {ok}/{n} files present with the right contents")
PY
}

FLOOR=
if CC=$(command -v cc || command -v clang); then
  "$CC" -O2 -o "$WORK/spawn-floor" benchmarks/cwl/spawn-floor.c && FLOOR="$WORK/spawn-floor"
fi

declare -A WALL # runner-n -> seconds
ratios() { # n: the same-run ratios, once both sides of each are in
  local n=$1
  [ -n "${WALL[cwltool-$n]:-}" ] && python3 -c "print(f'ratio    n=$n  cwltool / stoa = {${WALL[cwltool-$n]} / ${WALL[stoa-$n]}:.1f}x')"
  [ -n "${WALL[floor-$n]:-}" ] && python3 -c "print(f'ratio    n=$n  stoa / floor   = {${WALL[stoa-$n]} / ${WALL[floor-$n]}:.2f}x')"
  return 0
}

for n in "${SIZES[@]}"; do
  if [ -n "$FLOOR" ]; then
    mkdir "$WORK/floor-$n"
    start=$(date +%s.%N)
    "$FLOOR" "$n" "$(nproc)" "$WORK/floor-$n"
    end=$(date +%s.%N)
    ok=$(python3 -c "import sys; d, n = sys.argv[1], int(sys.argv[2]); \
print(sum(open(f'{d}/{i}/out.txt').read().strip() == str(i) for i in range(n)))" "$WORK/floor-$n" "$n")
    WALL[floor-$n]=$(python3 -c "print($end-$start)")
    printf '%-8s n=%-5s %7.2f s   %s/%s files present with the right contents\n' floor "$n" "${WALL[floor-$n]}" "$ok" "$n"
  fi
  python3 -c "import json; print(json.dumps({'items': list(range($n))}))" > "$WORK/job-$n.json"
  for runner in stoa cwltool; do
    if [ $runner = stoa ]; then cmd=("${STOA[@]}"); else
      command -v cwltool >/dev/null || { echo "cwltool not installed"; continue; }
      cmd=(cwltool --no-container --parallel); fi
    out="$WORK/$runner-$n"
    start=$(date +%s.%N)
    "${cmd[@]}" --outdir "$out" --quiet benchmarks/cwl/scatter.cwl "$WORK/job-$n.json" > "$out.json" 2>"$out.err" || { echo "$runner failed"; tail -5 "$out.err"; continue; }
    end=$(date +%s.%N)
    WALL[$runner-$n]=$(python3 -c "print($end-$start)")
    printf '%-8s n=%-5s %7.2f s   ' "$runner" "$n" "${WALL[$runner-$n]}"
    check "$out.json" "$n"
  done
  ratios "$n"
done
