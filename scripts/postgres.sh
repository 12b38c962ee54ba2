#!/usr/bin/env bash
# Start a private PostgreSQL server from the machine's Debian packages (installed by scripts/setup.sh) and
# print the URL of a fresh database on it. Idempotent: a server already running in the data folder is reused.
#
#   scripts/postgres.sh            -> prints postgresql://postgres@127.0.0.1:54329/counterwatch
#   scripts/postgres.sh stop       -> stops it
# Settings (env): COUNTERWATCH_PG_DIR (data folder; default /tmp/counterwatch-pg), COUNTERWATCH_PG_PORT
# (default 54329), COUNTERWATCH_PG_DB (database name; default counterwatch). The server listens on the
# loopback address only and trusts local connections: it is for tests, benchmarks and a single machine.
set -euo pipefail
DATA="${COUNTERWATCH_PG_DIR:-/tmp/counterwatch-pg}"
PORT="${COUNTERWATCH_PG_PORT:-54329}"
NAME="${COUNTERWATCH_PG_DB:-counterwatch}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (run scripts/setup.sh)" >&2
  exit 1
fi
# PostgreSQL refuses to run as root: run its tools as the postgres user (made by the Debian package).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "${1:-start}" = "stop" ]; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
  chmod 700 "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
fi
if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$NAME'" \
    | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$NAME"
fi
echo "postgresql://postgres@127.0.0.1:$PORT/$NAME"
