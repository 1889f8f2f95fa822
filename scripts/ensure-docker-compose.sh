#!/usr/bin/env bash
# Make sure docker-compose exists for the test that checks docker-compose.yml (`docker-compose config -q`: the
# file parses, merges and names only options Compose knows). Needs no Docker daemon. Idempotent: does nothing
# when docker-compose is already on the PATH. Uses the distribution's package because this machine's network
# only reaches the package mirrors.
set -euo pipefail

if command -v docker-compose >/dev/null 2>&1; then
  echo "ensure-docker-compose: found $(command -v docker-compose)"
  exit 0
fi

fail() {
  echo "ensure-docker-compose: ERROR: $*" >&2
  echo "ensure-docker-compose: install docker-compose yourself (e.g. 'apt-get install docker-compose')." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "docker-compose is missing and apt-get is not available on this system."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "docker-compose is missing and installing it needs root (not root, no sudo)."
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-docker-compose: docker-compose missing; running apt-get update"
$SUDO apt-get update || fail "apt-get update failed (is the package mirror reachable?)"
echo "ensure-docker-compose: running apt-get install -y --no-install-recommends docker-compose"
$SUDO apt-get install -y --no-install-recommends docker-compose || fail "apt-get install docker-compose failed"
command -v docker-compose >/dev/null 2>&1 || fail "docker-compose was installed but is not on the PATH."
echo "ensure-docker-compose: installed $(command -v docker-compose)"
