#!/usr/bin/env bash
# Makes sure a command from one of Debian's packages is on the PATH, installing the package when it is missing
# (this machine's network only reaches the package mirrors). Idempotent: does nothing when the command is there.
# Logs on stderr, so a caller's stdout stays its own.
#
#   bash scripts/ensure-debian-package.sh COMMAND PACKAGE
set -euo pipefail
cmd="${1:?a command}"
pkg="${2:?a Debian package}"
say() { echo "ensure $pkg: $*" >&2; }

if command -v "$cmd" >/dev/null 2>&1; then
  say "found $(command -v "$cmd")"
  exit 0
fi

fail() {
  say "ERROR: $*"
  say "install $pkg yourself (e.g. 'apt-get install $pkg')."
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "$cmd is missing and apt-get is not available on this system."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "$cmd is missing and installing it needs root (not root, no sudo)."
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
say "$cmd missing; running apt-get update"
$SUDO apt-get update >&2 || fail "apt-get update failed (is the package mirror reachable?)"
say "running apt-get install -y --no-install-recommends $pkg"
$SUDO apt-get install -y --no-install-recommends "$pkg" >&2 || fail "apt-get install $pkg failed"
command -v "$cmd" >/dev/null 2>&1 || fail "$pkg was installed but $cmd is not on the PATH."
say "installed $(command -v "$cmd")"
