#!/usr/bin/env bash
# The whole test suite: types, then unit, medium (embedded TimescaleDB, real sockets) and
# end-to-end tests (gateway, MQTT, headless Chromium). Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
bash scripts/ensure-chromium.sh
bash scripts/ensure-socat.sh
npm run check
# The browser tests serve the built console, as npm start does.
npm run build:console
npx vitest run "$@"
