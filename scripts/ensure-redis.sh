#!/usr/bin/env bash
# A Redis server for the multi-instance tests (shared rate limits, twin changes between instances). Prints its
# URL (redis://…) on stdout, and only that; everything else goes to stderr.
#
#   bash scripts/ensure-redis.sh [--dir DIR]   # TEST_REDIS_URL when set, else a throwaway server in DIR
#   bash scripts/ensure-redis.sh --stop DIR    # stops the server started in DIR and removes DIR
#
# Installs Debian's redis-server when it is missing (the only package mirrors are reachable here), then starts
# a server of its own on a free loopback port, in memory only (no snapshots, no append-only file).
set -euo pipefail

say() { echo "ensure-redis: $*" >&2; }
fail() {
  say "ERROR: $*"
  say "No Redis for the multi-instance tests. Set TEST_REDIS_URL=redis://host:port, or install redis-server."
  exit 2
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?--stop needs a folder}"
  if [ -f "$dir/redis.pid" ]; then
    pid="$(cat "$dir/redis.pid")"
    kill "$pid" 2>/dev/null || true
    # Redis may still be writing its last files as it exits: wait for it (5 s at most) before removing them.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir" 2>/dev/null || true
  exit 0
fi

if [ -n "${TEST_REDIS_URL:-}" ]; then
  echo "$TEST_REDIS_URL"
  exit 0
fi

dir=""
if [ "${1:-}" = "--dir" ]; then dir="${2:?--dir needs a folder}"; fi
[ -n "$dir" ] || dir="$(mktemp -d -t hearth-redis.XXXXXX)"
mkdir -p "$dir"

bash "$(dirname "$0")/ensure-debian-package.sh" redis-server redis-server || fail "could not install redis-server"

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 || fail "redis-server did not start (see $dir/redis.log)"
for _ in $(seq 50); do
  if redis-cli -p "$port" ping >/dev/null 2>&1; then
    say "server in $dir on port $port (stop it with: bash scripts/ensure-redis.sh --stop $dir)"
    echo "redis://127.0.0.1:$port"
    exit 0
  fi
  sleep 0.1
done
fail "redis-server on port $port did not answer (see $dir/redis.log)"
