#!/usr/bin/env bash
# Runs the Stoa.Fits benchmarks (BenchmarkDotNet, short job, in process: no generated project to build, which
# timed out on a loaded machine) and then astropy on the same files, back to back so both
# see the same machine load, and writes benchmarks/results/fits-stoa.md and fits-astropy.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export STOA_FITS_BENCH_DIR=${STOA_FITS_BENCH_DIR:-${TMPDIR:-/tmp}/stoa-fits-bench}
mkdir -p benchmarks/results
artifacts=$(mktemp -d)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*Fits*' --job short --inProcess --exporters github --artifacts "$artifacts" > "$artifacts/run.log" 2>&1
if grep -q '| *NA |' "$artifacts"/results/*-report-github.md; then
  echo "a benchmark failed; see $artifacts/run.log" >&2
  exit 1
fi
/usr/bin/python3 benchmarks/fits/astropy_bench.py "$STOA_FITS_BENCH_DIR" --markdown benchmarks/results/fits-astropy.md >/dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Stoa.Fits benchmarks (BenchmarkDotNet, --job short)"
  echo
  echo "Load average before/after the run (shared 2-core machine): $load_before / $load_after"
  for f in "$artifacts"/results/*-report-github.md; do echo; cat "$f"; done
} > benchmarks/results/fits-stoa.md
echo "load average: $load_before / $load_after" >> benchmarks/results/fits-astropy.md
rm -rf "$artifacts"
cat benchmarks/results/fits-stoa.md benchmarks/results/fits-astropy.md
