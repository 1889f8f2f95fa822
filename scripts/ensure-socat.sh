#!/usr/bin/env bash
# Make sure socat exists for the edge bridge's serial tests and throughput script: they join the bridge
# and the simulated field devices through a real pseudo-terminal pair (socat pty,raw,echo=0 pty,raw,echo=0).
# Idempotent: does nothing when socat is already on the PATH. Uses the distribution's package because
# this machine's network only reaches the package mirrors.
set -euo pipefail

if command -v socat >/dev/null 2>&1; then
  echo "ensure-socat: found $(command -v socat)"
  exit 0
fi

fail() {
  echo "ensure-socat: ERROR: $*" >&2
  echo "ensure-socat: install socat yourself (e.g. 'apt-get install socat')." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "socat is missing and apt-get is not available on this system."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "socat is missing and installing it needs root (not root, no sudo)."
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-socat: socat missing; running apt-get update"
$SUDO apt-get update || fail "apt-get update failed (is the package mirror reachable?)"
echo "ensure-socat: running apt-get install -y socat"
$SUDO apt-get install -y socat || fail "apt-get install socat failed"
command -v socat >/dev/null 2>&1 || fail "socat was installed but is not on the PATH."
echo "ensure-socat: installed $(command -v socat)"
