#!/usr/bin/env bash
# Runs a CWL conformance suite (v1.2; STOA_CWL_VERSION=v1.1 or v1.0 for the older ones) against `stoa cwl run` and
# compares each test's result with the checked-in known failures: a test that newly fails, or a listed test that now
# passes, fails this script (update tests/Stoa.Cwl.Tests/Conformance/known-failures-VERSION.txt in the same change).
#   eng/cwl-conformance.sh [--update] [harness options, e.g. --only id1,id2 -v]
#   eng/cwl-conformance.sh --where    exit 0 if the suite and its harness are found, else print one line saying how
# The suite lives outside the repository: STOA_CWL_CONFORMANCE is a directory holding VERSION/conformance_tests.yaml
# (default ../shared/cwl-conformance; the v1.0 suite's index, conformance_test_v1.0.yaml, is taken as well); the harness that runs it is STOA_CWL_HARNESS (default
# $STOA_CWL_CONFORMANCE/../tools/cwl-conformance/run-conformance.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUITE_DIR=${STOA_CWL_CONFORMANCE:-$ROOT/../shared/cwl-conformance}
HARNESS=${STOA_CWL_HARNESS:-$SUITE_DIR/../tools/cwl-conformance/run-conformance.py}
VERSION=${STOA_CWL_VERSION:-v1.2}
case "$VERSION" in v1.0|v1.1|v1.2) ;; *) echo "cwl-conformance: STOA_CWL_VERSION must be v1.0, v1.1 or v1.2, not '$VERSION'" >&2; exit 2;; esac
INDEX=conformance_tests.yaml
[ -f "$SUITE_DIR/$VERSION/$INDEX" ] || [ ! -f "$SUITE_DIR/$VERSION/conformance_test_$VERSION.yaml" ] || INDEX=conformance_test_$VERSION.yaml
if [ ! -f "$SUITE_DIR/$VERSION/$INDEX" ] || [ ! -f "$HARNESS" ]; then
  echo "cwl conformance: skipped: no suite at $SUITE_DIR/$VERSION or no harness at $HARNESS; get them with the team's shared folder at ../shared, or clone https://github.com/common-workflow-language/cwl-$VERSION as DIR/$VERSION and set STOA_CWL_CONFORMANCE=DIR and STOA_CWL_HARNESS=path/to/run-conformance.py" >&2
  exit 3
fi
[ "${1:-}" = --where ] && exit 0
KNOWN=$ROOT/tests/Stoa.Cwl.Tests/Conformance/known-failures-$VERSION.txt
OUT=${STOA_ARTIFACTS:-$ROOT/artifacts}/cwl-conformance${STOA_CWL_BACKEND:+-$STOA_CWL_BACKEND}$([ "$VERSION" = v1.2 ] || echo "-$VERSION")
mkdir -p "$OUT"
UPDATE=0
if [ "${1:-}" = "--update" ]; then UPDATE=1; shift; fi
# The harness needs ruamel.yaml or PyYAML: Debian's python3 has them (the pyenv python3 on PATH may not).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
# The runner: STOA_RUNNER if given, else the installed stoa: STOA_EXE (test.sh publishes it once), else published
# now (native when clang is there, see eng/publish-stoa.sh).
if [ -n "${STOA_RUNNER:-}" ]; then
  STOA=$STOA_RUNNER
else
  STOA="${STOA_EXE:-$("$ROOT/eng/publish-stoa.sh")} cwl run"
fi
# STOA_CWL_BACKEND=slurm runs every job through the Slurm backend (a real Slurm must be up).
STOA="$STOA${STOA_CWL_BACKEND:+ --backend $STOA_CWL_BACKEND}"
# Every test runs, those with a DockerRequirement in containers: they need podman (or docker) and the images
# eng/container-images.sh builds (no registry is reachable). Say so at once rather than fail 60 tests.
ENGINE=$(command -v podman || command -v docker || true)
[ -n "$ENGINE" ] || { echo "cwl-conformance: neither podman nor docker is on PATH; the suite's container tests need one (see eng/container-images.sh)" >&2; exit 2; }
for image in docker.io/debian:stable-slim docker.io/python:3-slim docker.io/bash:4.4 docker.io/alpine:latest; do
  timeout 60 "$ENGINE" image inspect "$image" >/dev/null 2>&1 || { echo "cwl-conformance: image $image is missing: run eng/container-images.sh as root" >&2; exit 2; }
done
# The v1.0 and v1.1 suites name older tags of the same images; they are given those names too (the images are
# built from this machine's files, not the published ones, whatever the tag). Python 2 (python:2-slim,
# python:2.7.15-alpine3.7) cannot be made here: Debian 12 has none, so those tests are known failures.
if [ "$VERSION" != v1.2 ]; then
  for alias in docker.io/debian:stable-slim=docker.io/library/debian:stretch-slim docker.io/bash:4.4=docker.io/library/bash:4.4.12 \
               docker.io/python:3-slim=docker.io/library/python:3; do
    timeout 60 "$ENGINE" image inspect "${alias#*=}" >/dev/null 2>&1 || timeout 60 "$ENGINE" tag "${alias%%=*}" "${alias#*=}" \
      || { echo "cwl-conformance: cannot tag ${alias%%=*} as ${alias#*=}" >&2; exit 2; }
  done
fi
# networkaccess fetches http://commonwl.org from inside its container: on a machine without internet it cannot
# pass, whatever the runner does, so it is skipped there (and says so) instead of being listed as a failure.
EXCLUDE=()
if ! getent hosts commonwl.org >/dev/null 2>&1 && grep -q 'id: *networkaccess *$' "$SUITE_DIR/$VERSION/$INDEX"; then
  echo "cwl-conformance: networkaccess skipped: this machine cannot resolve commonwl.org, which the test fetches" >&2
  EXCLUDE=(--exclude networkaccess)
fi
# The suite as cwltest reads it: expected outputs given as {$import: FILE} resolved (see the script).
SUITE=$("$PY" "$ROOT/eng/resolve-suite-imports.py" "$SUITE_DIR/$VERSION" "$OUT/suite")
SUITE=$(dirname "$SUITE")/$INDEX
set +e
"$PY" "$HARNESS" \
  --runner "$STOA" \
  --suite "$SUITE" \
  "${EXCLUDE[@]}" \
  -j "${STOA_CONFORMANCE_JOBS:-2}" --timeout "${STOA_CONFORMANCE_TIMEOUT:-120}" --json "$OUT/conformance.json" "$@" > "$OUT/conformance.log" 2>&1
set -e
tail -n 60 "$OUT/conformance.log" | grep -E '^[A-Za-z_ ]+ +[0-9]+ +[0-9]+ +[0-9]+|passed|wall' || true
"$PY" "$ROOT/eng/compare-conformance.py" "$OUT/conformance.json" "$KNOWN" $([ $UPDATE = 1 ] && echo --update)
