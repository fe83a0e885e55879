#!/usr/bin/env bash
# Publishes `stoa` (linux-x64, the whole host: cwl, worktables, web app, BaSC, VO) to artifacts/stoa, the form the
# tool is installed in, and prints the path of the executable to run, artifacts/stoa/stoa:
#   - compiled with Native AOT (one self-contained binary plus the native SQLite/Skia libraries beside it): no JIT at
#     start-up, which every `stoa` command and every scatter job of `stoa cwl run` would otherwise pay;
#   - without clang (Native AOT links with it: apt-get install clang zlib1g-dev) the same host ReadyToRun and
#     framework-dependent instead, with a line on stderr saying so.
# Usage: eng/publish-stoa.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-${STOA_ARTIFACTS:-$PWD/artifacts}/stoa}
rm -rf "$OUT"
if command -v clang >/dev/null; then
  dotnet publish samples/Stoa.Host -c Release -r linux-x64 -p:PublishAot=true -o "$OUT" -nologo -v q >&2
else
  echo "publish-stoa: no clang (apt-get install clang zlib1g-dev): stoa published ReadyToRun, not native" >&2
  dotnet publish samples/Stoa.Host -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$OUT" -nologo -v q >&2
fi
# Debug symbols stay in obj/; the installed tool is the binary and its native libraries.
rm -f "$OUT"/*.dbg "$OUT"/*.pdb "$OUT"/*.xml
echo "$OUT/stoa"
