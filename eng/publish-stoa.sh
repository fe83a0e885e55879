#!/usr/bin/env bash
# Publishes `stoa` (linux-x64) to artifacts/stoa, the form the tool is installed in, and prints the path of the
# executable to run, artifacts/stoa/stoa:
#   - artifacts/stoa/stoa       the front door (samples/Stoa.Host.Native, Native AOT): `stoa cwl …` in a small binary
#                               that starts in ~0.05 s, which the conformance suite and every script calling
#                               `stoa cwl run` pay per run; any other command execs the full host:
#   - artifacts/stoa/host/stoa  the full host (samples/Stoa.Host: worktables, web app, VO, BaSC, PROV, SAMP, cwl),
#                               Native AOT as well, with the native SQLite and Skia libraries beside it.
# Without clang (Native AOT links with it: apt-get install clang zlib1g-dev) only the full host is published,
# ReadyToRun and framework-dependent, and its path is printed instead, with a line on stderr saying so.
# Usage: eng/publish-stoa.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-${STOA_ARTIFACTS:-$PWD/artifacts}/stoa}
rm -rf "$OUT"
if ! command -v clang >/dev/null; then
  echo "publish-stoa: no clang (apt-get install clang zlib1g-dev): stoa published ReadyToRun, not native" >&2
  dotnet publish samples/Stoa.Host -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$OUT/host" -nologo -v q >&2
  rm -f "$OUT"/host/*.pdb "$OUT"/host/*.xml
  echo "$OUT/host/stoa"
  exit 0
fi
dotnet publish samples/Stoa.Host -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/host" -nologo -v q >&2
dotnet publish samples/Stoa.Host.Native -c Release -r linux-x64 -o "$OUT" -nologo -v q >&2
# Debug symbols stay in obj/; the installed tool is the binaries and the native libraries.
rm -f "$OUT"/*.dbg "$OUT"/*.pdb "$OUT"/*.xml "$OUT"/host/*.dbg "$OUT"/host/*.pdb "$OUT"/host/*.xml
echo "$OUT/stoa"
