#!/usr/bin/env bash
# Starts a Docker daemon by hand (no systemd) for `--container-engine docker`, and loads into it the images
# eng/container-images.sh built in podman (docker cannot pull here either). Needs root. Idempotent: a daemon that
# already answers is reused as it is. Prints one line. Stop with down.sh.
#   STOA_DOCKER_STATE  data root, log and PID file (default /tmp/stoa-docker; data in /var/lib/stoa-docker)
# The daemon gets no bridge and no iptables rules: Stoa runs containers with --network none unless a tool asks for
# NetworkAccess, and the machine's firewall is left alone.
set -euo pipefail
STATE=${STOA_DOCKER_STATE:-/tmp/stoa-docker}
DATA=/var/lib/stoa-docker
fail() { echo "docker/up.sh: $*" >&2; tail -n 20 "$STATE/dockerd.log" >&2 2>/dev/null; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (dockerd runs as root)"
mkdir -p "$STATE"
if ! command -v dockerd >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null || fail "cannot install docker.io"
fi

if ! timeout 20 docker info >/dev/null 2>&1; then
  # 9>&- : the daemon must not hold a caller's lock descriptors.
  setsid dockerd --iptables=false --ip6tables=false --bridge=none --data-root "$DATA" \
    --pidfile "$STATE/dockerd.pid" >"$STATE/dockerd.log" 2>&1 9>&- < /dev/null &
  end=$(( SECONDS + 60 ))
  until timeout 10 docker info >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || fail "dockerd did not answer within 60 s"
    sleep 0.5
  done
fi

# The suite's images, copied from podman's store (same ids: an image id is the digest of its configuration).
for tag in docker.io/debian:stable-slim docker.io/alpine:latest docker.io/bash:4.4 docker.io/python:3-slim; do
  timeout 60 docker image inspect "$tag" >/dev/null 2>&1 && continue
  command -v podman >/dev/null && timeout 60 podman image exists "$tag" || continue
  timeout 300 podman save "$tag" | timeout 300 docker load >/dev/null || fail "cannot copy $tag from podman into docker"
done
echo "docker up: $(docker info --format '{{.ServerVersion}}') at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
