#!/usr/bin/env bash
# Starts (idempotently) a throwaway PostgreSQL cluster for the tests on 127.0.0.1:55432
# and prints its URL. No systemd here, so the cluster is started by hand in var/pg.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/var/pg"
port="${PG_TEST_PORT:-55432}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
# Another checkout's cluster may already serve this port: use it rather than fail.
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:$port/postgres"
  exit 0
fi
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown -R postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  run "$bin/initdb -D '$dir/data' -U postgres -A trust --no-sync" >/dev/null
fi
if ! run "$bin/pg_ctl -D '$dir/data' status" >/dev/null 2>&1; then
  run "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=300\" start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
