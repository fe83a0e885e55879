#!/usr/bin/env bash
# Runs every test of the repository on a fresh Debian machine of this kind:
#   1. installs what the tests need (Debian packages, when run as root),
#   2. starts the real services the tests use (eng/services/*) and builds the container images
#      (eng/container-images.sh) the CWL tests with a DockerRequirement run in,
#   3. builds, packs the libraries and checks the packages, publishes `stoa` as users install it (eng/publish-stoa.sh:
#      Native AOT), runs `dotnet test Stoa.sln` (the README tests build consumer projects against the packages:
#      STOA_PACKAGES; the host tests start the published binary: STOA_TEST_EXE),
#   4. runs the CWL v1.2 conformance suite, which lives outside the repository (STOA_CWL_CONFORMANCE, default
#      ../shared/cwl-conformance; skipped with one line when absent), against the checked-in known failures.
# The last line is the sum: "tests: N passed, M failed, K skipped".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
ARTIFACTS=${STOA_ARTIFACTS:-$ROOT/artifacts}
# Builds as CI does: deterministic, with /_/ for the source paths in the PDBs (src/Directory.Build.props).
export CI=${CI:-true}
mkdir -p "$ARTIFACTS"

# --- 1. Debian packages the tests use ----------------------------------------------------------
mapfile -t APT_PACKAGES < <(grep -v '^\s*#' eng/apt-packages.txt | grep -v '^\s*$')
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

# --- 2. services --------------------------------------------------------------------------------
# A real SAMP hub with a recording receiver (astropy) for the "send to TOPCAT" tests.
bash eng/services/samp/up.sh
# A real single-node Slurm (munge, slurmctld, slurmd) for the Slurm backend's tests. It needs root; 8 advertised
# CPUs on the 2 real cores let many tiny test jobs run at once (Slurm starts about one batch job per CPU per second).
if [ "$(id -u)" = 0 ]; then
  export STOA_SLURM_CPUS=${STOA_SLURM_CPUS:-8}
  bash eng/services/slurm/up.sh
else
  echo "Slurm needs root: run 'sudo STOA_SLURM_CPUS=8 bash eng/services/slurm/up.sh' first, or run ./test.sh as root." >&2
  sinfo >/dev/null 2>&1 || exit 2
fi
# podman configured for this machine and the images the CWL suite's DockerRequirements name, built locally
# (no registry is reachable). Idempotent; needs root like the packages above.
if [ "$(id -u)" = 0 ]; then
  echo "== container images"
  bash eng/container-images.sh || { echo "eng/container-images.sh failed: the CWL container tests cannot run" >&2; exit 1; }
  # A Docker daemon (started by hand, no bridge, no iptables) with the same images, for --container-engine docker.
  bash eng/services/docker/up.sh || { echo "eng/services/docker/up.sh failed: the docker engine cannot be tested" >&2; exit 1; }
else
  echo "The CWL container tests need images built by root: run 'sudo eng/container-images.sh' first, or run ./test.sh as root." >&2
fi
export SAMP_HUB=std-lockurl:file://${STOA_SAMP_DIR:-/tmp/stoa-samp}/samp.lock
# A real PostgreSQL server (a throwaway cluster on its own port) for the PostgreSQL store: the store suites run
# against it and against SQLite. Without it those tests fail under CI=true (they never silently pass).
if [ -z "${STOA_TEST_POSTGRES:-}" ]; then
  STOA_TEST_POSTGRES=$(bash eng/services/postgres/up.sh) || { echo "eng/services/postgres/up.sh failed: the PostgreSQL store cannot be tested" >&2; exit 1; }
  export STOA_TEST_POSTGRES
fi
echo "== postgres $STOA_TEST_POSTGRES"

# --- 3. build, pack, test -----------------------------------------------------------------------
echo "== build"
dotnet build Stoa.sln -c Release -nologo -v q
# Packed before the tests: the README tests build each package README's C# blocks in a fresh consumer project
# against these packages. check-packages.py finds the packages to expect (every packable src/*/ project).
echo "== pack"
rm -rf "$ARTIFACTS/packages"
set +e
dotnet pack Stoa.sln -c Release --no-build -nologo -v q -o "$ARTIFACTS/packages" \
  && python3 eng/check-packages.py "$ARTIFACTS/packages" --src src
pack_rc=$?
set -e
export STOA_PACKAGES=$ARTIFACTS/packages
# The tool as users install it (Native AOT): the conformance suite and the host tests run it.
echo "== publish stoa"
STOA_EXE=$(eng/publish-stoa.sh "$ARTIFACTS/stoa")
export STOA_EXE
echo "== test"
rm -rf "$ARTIFACTS/test-results"
# Every `stoa` the host tests start is the installed native binary (STOA_TEST_EXE), not `dotnet stoa.dll`: what users
# run is what is tested (reflection that only breaks ahead of time shows up here). Without STOA_TEST_EXE, as in a plain
# `dotnet test`, they start the JIT build next to them.
set +e
STOA_TEST_EXE=$STOA_EXE dotnet test Stoa.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$ARTIFACTS/test-results" -- RunConfiguration.TreatNoTestsAsError=false
test_rc=$?
set -e

# --- 4. CWL conformance (v1.2 suite vs tests/Stoa.Cwl.Tests/Conformance/known-failures-v1.2.txt) ------
cwl_rc=0
if ! eng/cwl-conformance.sh --where >/dev/null 2>&1; then
  eng/cwl-conformance.sh --where || true   # the one line saying where the suite was looked for and how to get it
else
  echo "== cwl conformance"
  set +e
  eng/cwl-conformance.sh
  cwl_rc=$?
  # The same suite with every job submitted to the real Slurm (sbatch/job arrays): it must match the same
  # known-failures list. 4 at a time: these tests mostly wait on the scheduler, not the CPU.
  echo "== cwl conformance through Slurm"
  STOA_CWL_BACKEND=slurm STOA_CONFORMANCE_JOBS=4 STOA_CONFORMANCE_TIMEOUT=300 eng/cwl-conformance.sh || cwl_rc=1
  set -e
fi

# --- 5. summary -----------------------------------------------------------------------------------
python3 eng/summarize-trx.py "$ARTIFACTS/test-results"
if [ $test_rc -ne 0 ] || [ $pack_rc -ne 0 ] || [ $cwl_rc -ne 0 ]; then exit 1; fi
