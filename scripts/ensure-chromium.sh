#!/usr/bin/env bash
# Make sure a Chromium binary exists for the browser tests (testkit/src/browser.ts).
# Idempotent: does nothing when /usr/bin/chromium (or $CHROMIUM_PATH) is already there.
# We use the distribution's package rather than Playwright's download because this
# machine's network only reaches the package mirrors.
set -euo pipefail

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM_PATH" ]; then
  echo "ensure-chromium: found $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

fail() {
  echo "ensure-chromium: ERROR: $*" >&2
  echo "ensure-chromium: install Chromium yourself (e.g. 'apt-get install chromium') or set CHROMIUM_PATH to an existing binary." >&2
  exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
  fail "$CHROMIUM_PATH is missing and apt-get is not available on this system."
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    fail "$CHROMIUM_PATH is missing and installing it needs root (not root, no sudo)."
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: $CHROMIUM_PATH missing; running apt-get update"
$SUDO apt-get update || fail "apt-get update failed (is the package mirror reachable?)"
echo "ensure-chromium: running apt-get install -y chromium"
$SUDO apt-get install -y chromium || fail "apt-get install chromium failed"

if [ ! -x "$CHROMIUM_PATH" ]; then
  fail "chromium was installed but $CHROMIUM_PATH does not exist (the package may install elsewhere; set CHROMIUM_PATH)."
fi
echo "ensure-chromium: installed $("$CHROMIUM_PATH" --version 2>/dev/null || echo "$CHROMIUM_PATH")"
