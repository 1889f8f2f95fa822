#!/usr/bin/env bash
# A TimescaleDB server for the server-mode tests. Prints its URL (postgres://…) on stdout, and only that;
# everything else goes to stderr.
#
#   bash scripts/ensure-timescaledb.sh [--dir DIR]   # TEST_DATABASE_URL when set, else a throwaway cluster in DIR
#   bash scripts/ensure-timescaledb.sh --stop DIR    # stops the cluster started in DIR and removes DIR
#
# With TEST_DATABASE_URL: checks that server (when psql is here) and prints it; nothing is installed or started.
# Otherwise, on Debian: installs PostgreSQL 15 and the build tools when missing, builds and installs TimescaleDB
# from ../shared/vendor/timescaledb-2.28.3.tar.gz when the extension is missing (skipped when it is installed;
# recipe in ../shared/vendor/README.md), then starts a cluster of its own on a free loopback port in DIR (default:
# a new temp dir), tuned for tests (no fsync), and prints its URL. Where neither exists it says so and exits 2.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_MAJOR=15
PGBIN="/usr/lib/postgresql/$PG_MAJOR/bin"
VERSION=2.28.3
TARBALL="$(dirname "$ROOT")/shared/vendor/timescaledb-$VERSION.tar.gz"
SHA256=ec2f7de0ba53a473c01e0a57e09053898c6b1f7487228caff0f1d31c8cb2dedb

say() { echo "ensure-timescaledb: $*" >&2; }
unavailable() {
  say "ERROR: $*"
  say "No TimescaleDB server for the server-mode tests. Either set TEST_DATABASE_URL=postgres://user@host:port/db"
  say "(a PostgreSQL server with the timescaledb extension available, preloaded; the user may CREATE DATABASE), or run"
  say "on Debian 12 as root (or with sudo) with the vendored source at $TARBALL."
  say "To run only the embedded suite: HEARTH_TEST_MODES=embedded npm test"
  exit 2
}

# As the owner of the cluster: initdb and postgres refuse to run as root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?--stop needs a folder}"
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
  rm -rf "$dir"
  exit 0
fi
dir=""
if [ "${1:-}" = "--dir" ]; then dir="${2:?--dir needs a folder}"; fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  if command -v psql >/dev/null 2>&1; then
    psql "$TEST_DATABASE_URL" -XAtqc "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'" | grep -q 1 ||
      unavailable "TEST_DATABASE_URL is set but that server is unreachable or has no timescaledb extension."
  fi
  say "using TEST_DATABASE_URL"
  echo "$TEST_DATABASE_URL"
  exit 0
fi

# 1. PostgreSQL 15 and the tools to build the extension, from Debian's repositories.
PACKAGES=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR cmake build-essential libssl-dev libkrb5-dev)
LIBDIR="/usr/lib/postgresql/$PG_MAJOR/lib"
needed=(postgresql-$PG_MAJOR)
[ -f "$LIBDIR/timescaledb.so" ] || needed=("${PACKAGES[@]}")
missing=()
for p in "${needed[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
SUDO=""
if [ "$(id -u)" -ne 0 ] && { [ "${#missing[@]}" -gt 0 ] || [ ! -f "$LIBDIR/timescaledb.so" ]; }; then
  command -v sudo >/dev/null 2>&1 || unavailable "TimescaleDB or its build tools are missing; installing them needs root (not root, no sudo)."
  SUDO="sudo"
fi
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || unavailable "missing ${missing[*]} and apt-get is not available here."
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update >&2 || unavailable "apt-get update failed (is the package mirror reachable?)"
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >&2 || unavailable "apt-get install ${missing[*]} failed."
fi

# 2. The extension, built from the vendored source once (about two minutes on two cores).
# PostgreSQL 15.20 (a Debian security update of 2026) refuses to drop a portal that never ran, and
# TimescaleDB 2.28.3 drops the one it makes for each background job: every job (continuous aggregate
# refresh, compression, retention) then fails with 'cannot drop portal "" while it is being set up'.
# The build marks that portal done first, as PostgreSQL 15.18 and earlier treated it (docs/adr/0013).
MARKER="$LIBDIR/timescaledb-$VERSION.hearth-build"
if [ -f "$LIBDIR/timescaledb.so" ]; then
  say "TimescaleDB found in $LIBDIR (build skipped)"
  if [ ! -f "$MARKER" ]; then
    say "WARNING: that TimescaleDB was not built by this script; on PostgreSQL 15.20 or later its background"
    say "jobs fail. Remove $LIBDIR/timescaledb*.so to have this script build one that works."
  fi
else
  [ -f "$TARBALL" ] || unavailable "TimescaleDB is not installed and its source is not at $TARBALL."
  echo "$SHA256  $TARBALL" | sha256sum -c --status || unavailable "$TARBALL does not match its checksum ($SHA256)."
  # Two runs at once build once: the second waits, then finds it installed.
  exec 9>/tmp/hearth-timescaledb-build.lock
  flock 9
  if [ ! -f "$LIBDIR/timescaledb.so" ]; then
    build="$(mktemp -d -t hearth-timescaledb-build.XXXXXX)"
    say "building TimescaleDB $VERSION in $build (about two minutes)"
    tar xzf "$TARBALL" -C "$build"
    job_c="$build/timescaledb-$VERSION/tsl/src/bgw_policy/job.c"
    [ "$(grep -cP '^\t\tPortalDrop\(portal, false\);$' "$job_c")" = 1 ] || unavailable "the job portal fix no longer applies to $job_c."
    sed -i 's/^\t\tPortalDrop(portal, false);$/\t\tportal->status = PORTAL_DONE; \/* PostgreSQL 15.20 refuses to drop a new portal *\/\n&/' "$job_c"
    (
      cd "$build/timescaledb-$VERSION"
      PATH="$PGBIN:$PATH" ./bootstrap -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF -DLINTER=OFF \
        -DCMAKE_BUILD_TYPE=Release -DGENERATE_DOWNGRADE_SCRIPT=OFF -DPG_CONFIG="$PGBIN/pg_config"
      cd build && make -j"$(nproc)" && $SUDO make install
    ) >"$build.log" 2>&1 || unavailable "the TimescaleDB build failed; see $build.log"
    rm -rf "$build" "$build.log"
    echo "TimescaleDB $VERSION built by scripts/ensure-timescaledb.sh (job portal marked done before PortalDrop)" | $SUDO tee "$MARKER" >/dev/null
    say "TimescaleDB $VERSION installed in $LIBDIR"
  fi
  flock -u 9
fi

# 3. A throwaway cluster on a free loopback port, its socket and log beside its data.
[ -n "$dir" ] || dir="$(mktemp -d -t hearth-timescaledb.XXXXXX)"
mkdir -p "$dir"
[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# Tests only: durability off (a crashed test cluster is thrown away); room for every test file's database,
# each with its own TimescaleDB job scheduler (one background worker per database).
cat >>"$dir/data/postgresql.conf" <<EOF
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
max_worker_processes = 64
timescaledb.max_background_workers = 48
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w start >/dev/null ||
  unavailable "the cluster in $dir did not start; see $dir/postgres.log"
say "cluster in $dir on port $port (stop it with: bash scripts/ensure-timescaledb.sh --stop $dir)"
echo "postgres://postgres@127.0.0.1:$port/postgres"
