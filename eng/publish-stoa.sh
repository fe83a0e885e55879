#!/usr/bin/env bash
# Publishes `stoa` (linux-x64) to artifacts/stoa, the form the tool is installed in, and prints the path of the
# executable to run:
#   - artifacts/stoa/stoa       native (Native AOT, samples/Stoa.Host.Native): `stoa cwl …` with no JIT at all, which
#                               the conformance suite and every scatter job pay for; any other command execs
#   - artifacts/stoa/host/stoa  the full host (samples/Stoa.Host: web app, worktables, BaSC), ReadyToRun and
#                               framework-dependent. Without clang (Native AOT links with it) only this one is
#                               published, and its path is printed instead, with a line on stderr saying so.
# Usage: eng/publish-stoa.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-${STOA_ARTIFACTS:-$PWD/artifacts}/stoa}
dotnet publish samples/Stoa.Host -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$OUT/host" -nologo -v q >&2
if ! command -v clang >/dev/null; then
  echo "publish-stoa: no clang (apt-get install clang zlib1g-dev): stoa published ReadyToRun only" >&2
  echo "$OUT/host/stoa"
  exit 0
fi
dotnet publish samples/Stoa.Host.Native -c Release -r linux-x64 -o "$OUT" -nologo -v q >&2
echo "$OUT/stoa"
