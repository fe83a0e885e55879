#!/usr/bin/env bash
# Times an N-element scatter of a trivial tool through `stoa cwl run` on the local backend, on Slurm as one job
# array, and on Slurm with one submission per element; checks every output file; prints a markdown table with
# submissions, scheduler calls and wall time. Needs a real Slurm (eng/services/slurm/up.sh, as root;
# STOA_SLURM_CPUS=8 advertises 8 CPUs on this 2-core machine, as test.sh does).
#   benchmarks/slurm/scatter-bench.sh [N ...]        (default: 100 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
STOA="dotnet $PWD/samples/Stoa.Host/bin/Release/net10.0/stoa.dll"
[ -f samples/Stoa.Host/bin/Release/net10.0/stoa.dll ] || dotnet build samples/Stoa.Host -c Release -nologo -v q
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
work=$(mktemp -d /tmp/stoa-scatter-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/echo.cwl" <<'CWL'
cwlVersion: v1.2
class: CommandLineTool
baseCommand: echo
inputs:
  x: {type: int, inputBinding: {position: 1}}
stdout: out.txt
outputs:
  out: {type: stdout}
CWL
cat > "$work/scatter.cwl" <<'CWL'
cwlVersion: v1.2
class: Workflow
requirements: {ScatterFeatureRequirement: {}}
inputs:
  xs: int[]
steps:
  echo:
    run: echo.cwl
    scatter: x
    in: {x: xs}
    out: [out]
outputs:
  outs:
    type: File[]
    outputSource: echo/out
CWL
echo "| elements | backend | submissions | scheduler calls | wall s | outputs ok |"
echo "|---:|---|---:|---:|---:|---|"
for n in "${sizes[@]}"; do
  /usr/bin/python3 -c "import json,sys; json.dump({'xs': list(range($n))}, open('$work/job-$n.json','w'))"
  for mode in local slurm-array slurm-single; do
    case $mode in
      local) args=(--backend local) ;;
      slurm-array) args=(--backend slurm) ;;
      slurm-single) args=(--backend slurm --slurm-no-arrays) ;;
    esac
    out="$work/out-$mode-$n"; mkdir -p "$out"
    start=$(date +%s.%N)
    $STOA cwl run "${args[@]}" --tmpdir "$work/tmp" --outdir "$out" "$work/scatter.cwl" "$work/job-$n.json" > "$out.json" 2> "$out.err" || { echo "run failed: $(tail -3 "$out.err")" >&2; }
    end=$(date +%s.%N)
    ok=$(/usr/bin/python3 - "$out.json" "$n" <<'PY'
import json, os, sys
outs = json.load(open(sys.argv[1]))["outs"]
n = int(sys.argv[2])
paths = [o["path"] for o in outs]
good = len(outs) == n and len(set(paths)) == n and all(open(p).read() == f"{i}\n" for i, p in enumerate(paths))
print("yes" if good else "NO")
PY
)
    stats=$(grep -o 'slurm: [0-9]* submissions, [0-9]* scheduler calls' "$out.err" || echo "slurm: - submissions, - scheduler calls")
    subs=$(echo "$stats" | awk '{print $2}'); calls=$(echo "$stats" | awk '{print $4}')
    printf "| %s | %s | %s | %s | %.1f | %s |\n" "$n" "$mode" "$subs" "$calls" "$(/usr/bin/python3 -c "print($end - $start)")" "$ok"
  done
done
