#!/usr/bin/env bash
# Publishes the `stoa` host ReadyToRun-compiled (framework-dependent, linux-x64) to artifacts/stoa: the form the
# tool is installed in. Precompiled code roughly halves the start-up of `stoa cwl run`, which the conformance
# suite pays hundreds of times. Usage: eng/publish-stoa.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-${STOA_ARTIFACTS:-$PWD/artifacts}/stoa}
dotnet publish samples/Stoa.Host -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$OUT" -nologo -v q >&2
echo "$OUT/stoa.dll"
