#!/usr/bin/env bash
# The whole test suite, in both database modes. First types, then unit, medium (embedded TimescaleDB, real
# sockets) and end-to-end tests (gateway, MQTT, headless Chromium) on the embedded database; then the medium
# and end-to-end tests that reach a database, again, on a TimescaleDB server: TEST_DATABASE_URL, or a
# throwaway cluster that scripts/ensure-timescaledb.sh builds and starts (and this script stops), with a Redis
# server (TEST_REDIS_URL, or scripts/ensure-redis.sh) for the tests of several instances.
#   HEARTH_TEST_MODES=embedded|server|both (default both). Arguments go to vitest in both runs.
# Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
modes="${HEARTH_TEST_MODES:-both}"
case "$modes" in embedded | server | both) ;; *) echo "HEARTH_TEST_MODES must be embedded, server or both (got $modes)" >&2 && exit 2 ;; esac
[ -d node_modules ] || npm install --no-audit --no-fund
bash scripts/ensure-chromium.sh
bash scripts/ensure-socat.sh
bash scripts/ensure-docker-compose.sh
npm run check
# The browser tests serve the built console, as npm start does.
npm run build:console

failed=0
summary=()
# Each run's output is kept, so the end of this script can name what failed: the last lines are what
# a CI log shows.
logs="$(mktemp -d -t hearth-test-logs.XXXXXX)"
if [ "$modes" != server ]; then
  started=$SECONDS
  HEARTH_TEST_DB=embedded npx vitest run "$@" 2>&1 | tee "$logs/embedded.log" || failed=1
  summary+=("embedded: $((SECONDS - started)) s")
fi
if [ "$modes" != embedded ]; then
  started=$SECONDS
  cluster="$(mktemp -d -t hearth-timescaledb.XXXXXX)"
  redis="$(mktemp -d -t hearth-redis.XXXXXX)"
  trap 'bash scripts/ensure-timescaledb.sh --stop "$cluster"; bash scripts/ensure-redis.sh --stop "$redis"' EXIT
  url="$(bash scripts/ensure-timescaledb.sh --dir "$cluster")"
  # Several instances of a service share rate limits and twin changes through Redis.
  redis_url="$(bash scripts/ensure-redis.sh --dir "$redis")"
  # The levels that have something to run against a server, unless the arguments choose.
  projects=(--project medium --project e2e)
  for arg in "$@"; do [[ "$arg" == --project* ]] && projects=(); done
  HEARTH_TEST_DB=server TEST_DATABASE_URL="$url" TEST_REDIS_URL="$redis_url" npx vitest run "${projects[@]}" "$@" 2>&1 | tee "$logs/server.log" || failed=1
  summary+=("server: $((SECONDS - started)) s")
fi
if [ "$failed" != 0 ]; then
  echo "test.sh: what failed:"
  # vitest marks a failed file FAIL and a failed test ×; colours are stripped for the grep.
  for log in "$logs"/*.log; do
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *(FAIL|×) ' | sort -u | sed "s|^|  $(basename "$log" .log): |" | head -40
  done
fi
echo "test.sh: ${summary[*]}$([ "$failed" = 0 ] && echo '; all passed' || echo '; FAILED')"
exit "$failed"
