#!/usr/bin/env bash
# Makes podman work on this kind of machine and builds, locally, the images the CWL conformance suite's
# DockerRequirements name (no image registry is reachable, so nothing is pulled):
#   docker.io/debian:stable-slim, docker.io/alpine:latest  busybox (Debian's busybox-static) + bash
#   docker.io/bash:4.4                                     the same, with the official image's entrypoint
#   docker.io/python:3-slim                                the same + Debian's python3 with its standard library
# Each image is a root file system made from this machine's own Debian files (binaries copied with the shared
# libraries `ldd` names), imported with `podman import`. Idempotent: images labelled with the recipe's hash are
# kept; anything else is rebuilt. Needs root. Fails loudly, and every podman call has a time limit.
#   eng/container-images.sh            configure podman and build the images
#   eng/container-images.sh --check    only say whether they are there and run (exit 1 if not)
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "container-images: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (it writes /etc/containers and the system's image store)"
command -v podman >/dev/null || die "podman is not installed (apt-get install podman runc; eng/apt-packages.txt lists them)"
command -v runc >/dev/null || die "runc is not installed (apt-get install runc)"
[ -x /bin/busybox ] || die "/bin/busybox is missing (apt-get install busybox-static)"
PYTHON=$(readlink -f /usr/bin/python3 2>/dev/null || true)
[ -x "$PYTHON" ] || die "/usr/bin/python3 is missing (apt-get install python3)"
PYVER=$(basename "$PYTHON")                      # python3.11
PYLIB=/usr/lib/$PYVER
[ -d "$PYLIB" ] || die "$PYLIB (the standard library of $PYTHON) is missing"

# --- podman configuration -------------------------------------------------------------------------
# crun fails here ("cgroups in hybrid mode not supported"); podman's default ulimits (1048576 open files) are
# above this machine's hard limits ("setrlimit: operation not permitted"). Stoa passes its own limits with
# --ulimit, but the conf makes every podman command (builds too) work.
CONF_DIR=/etc/containers/containers.conf.d
CONF=$CONF_DIR/50-stoa.conf
mkdir -p "$CONF_DIR"
cat > "$CONF.tmp" <<'EOF'
# Written by Stoa's eng/container-images.sh: what podman needs on machines of this kind.
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
EOF
mv "$CONF.tmp" "$CONF"

P() { timeout 300 podman "$@"; }
runtime=$(P info --format '{{.Host.OCIRuntime.Name}}') || die "podman info failed: is podman usable here?"
[ "$runtime" = runc ] || die "podman uses '$runtime', not runc: $CONF was not read (podman too old for containers.conf.d?)"

# --- the recipe's hash: the script and the Debian files the images are made of ----------------------
RECIPE=$( { cat "$0"; dpkg-query -W -f '${Package} ${Version}\n' busybox-static bash "$PYVER-minimal" "lib$PYVER-stdlib" 2>/dev/null; } | sha256sum | cut -c1-16)
TAGS=(docker.io/debian:stable-slim docker.io/alpine:latest docker.io/bash:4.4 docker.io/python:3-slim)

current() {
  local t
  for t in "${TAGS[@]}"; do
    [ "$(P image inspect --format '{{index .Labels "org.stoa.recipe"}}' "$t" 2>/dev/null)" = "$RECIPE" ] || return 1
  done
}

smoke() {
  # Every image must start a container with networking off, as Stoa runs them.
  local t
  for t in "${TAGS[@]}"; do
    P run --rm --network none --pull never "$t" /bin/sh -c 'true' >/dev/null || die "a container of $t does not start (podman run --rm --network none $t /bin/sh -c true)"
  done
  P run --rm --network none --pull never docker.io/python:3-slim python -c 'import json, urllib.request, hashlib' || die "python does not run in docker.io/python:3-slim"
  [ "$(P run --rm --network none --pull never docker.io/bash:4.4 -c 'echo $BASH_VERSION' )" != "" ] || die "docker.io/bash:4.4 does not run bash through its entrypoint"
}

if [ "${1:-}" = "--check" ]; then
  current || die "images are missing or out of date: run eng/container-images.sh as root"
  smoke
  echo "container-images: up to date ($RECIPE)"
  exit 0
fi

if current; then
  smoke
  echo "container-images: up to date ($RECIPE)"
  exit 0
fi

WORK=$(mktemp -d /tmp/stoa-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Copies files (and the shared libraries they load, and the loader) into a root file system at the same paths.
copy_with_libs() {
  local root=$1; shift
  local f lib
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -a "$f" "$root$f"
    if [ -L "$f" ]; then copy_with_libs "$root" "$(readlink -f "$f")"; continue; fi
    for lib in $(ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}'); do
      if [ ! -e "$root$lib" ]; then
        mkdir -p "$root$(dirname "$lib")"
        cp -aL "$lib" "$root$lib"
      fi
    done
  done
}

# --- the base root file system: busybox and bash --------------------------------------------------------
BASE=$WORK/base
mkdir -p "$BASE"/{bin,usr/bin,usr/local/bin,etc,tmp,root,var/tmp,proc,sys,dev}
chmod 1777 "$BASE/tmp" "$BASE/var/tmp"
cp /bin/busybox "$BASE/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || [ -e "$BASE/bin/$applet" ] || ln -s busybox "$BASE/bin/$applet"
done
ln -sf /bin/busybox "$BASE/usr/bin/env"                     # for '#!/usr/bin/env …' scripts
rm -f "$BASE/bin/bash"
copy_with_libs "$BASE" /bin/bash
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$BASE/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$BASE/etc/group"
echo "stoa-test-image" > "$BASE/etc/hostname"

import_image() {  # import DIR TAG [--change …]
  local dir=$1 tag=$2; shift 2
  tar -C "$dir" -cf "$WORK/rootfs.tar" .
  local out
  out=$(P import --change "LABEL=org.stoa.recipe=$RECIPE" --change 'ENV=PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$@" "$WORK/rootfs.tar" "$tag" 2>&1) || die "podman import of $tag failed: $out"
  echo "container-images: built $tag"
}

import_image "$BASE" docker.io/debian:stable-slim --change 'CMD=["bash"]'
import_image "$BASE" docker.io/alpine:latest --change 'CMD=["/bin/sh"]'

# bash:4.4 as published: bash in /usr/local/bin and an entrypoint that runs bash when the first argument is an option.
BASH_ROOT=$WORK/bash
cp -a "$BASE" "$BASH_ROOT"
ln -sf /bin/bash "$BASH_ROOT/usr/local/bin/bash"
cat > "$BASH_ROOT/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/usr/bin/env bash
set -Eeuo pipefail
# first arg is `-f` or `--some-option`, or there are no args: run bash with them
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
	exec bash "$@"
fi
exec "$@"
EOF
chmod 755 "$BASH_ROOT/usr/local/bin/docker-entrypoint.sh"
import_image "$BASH_ROOT" docker.io/bash:4.4 --change 'ENTRYPOINT=["docker-entrypoint.sh"]' --change 'CMD=["bash"]'

# python:3-slim: Debian's python3 with its standard library (its test suite and GUI modules left out) and the
# libraries of its extension modules; `python` and `python3` on PATH as in the published image.
PY_ROOT=$WORK/python
cp -a "$BASE" "$PY_ROOT"
copy_with_libs "$PY_ROOT" "$PYTHON"
mkdir -p "$PY_ROOT$PYLIB"
tar -C "$PYLIB" --exclude=./test --exclude=./idlelib --exclude=./tkinter --exclude=./turtledemo --exclude=./ensurepip \
  --exclude='__pycache__' -cf - . | tar -C "$PY_ROOT$PYLIB" -xf -
copy_with_libs "$PY_ROOT" $(find "$PYLIB/lib-dynload" -name '*.so')
ln -sf "$PYTHON" "$PY_ROOT/usr/local/bin/python3"
ln -sf "$PYTHON" "$PY_ROOT/usr/local/bin/python"
import_image "$PY_ROOT" docker.io/python:3-slim --change 'CMD=["python3"]' --change 'ENV=LANG=C.UTF-8'

current || die "the images were built but do not carry recipe $RECIPE"
smoke
echo "container-images: ready ($RECIPE)"
# Earlier builds of these images, now untagged, are removed (only ours: they carry the recipe label).
P images --quiet --filter dangling=true --filter label=org.stoa.recipe | xargs -r timeout 300 podman rmi >/dev/null 2>&1 || true
