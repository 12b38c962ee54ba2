#!/usr/bin/env bash
# Set up (idempotent) and run the whole test suite with pytest. A run that collects no test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The storage and end-to-end tests run on SQLite and on a real PostgreSQL server started here.
COUNTERWATCH_TEST_PG_URL="${COUNTERWATCH_TEST_PG_URL:-$(bash scripts/postgres.sh)}"
export COUNTERWATCH_TEST_PG_URL
# The browser tests run in a process of their own, first: late in a long run in one process, Chromium
# has been seen dying at start (SIGTRAP) although the same tests pass in a fresh one.
browser=tests/web/test_browser.py
status=0
if [ -f "$browser" ] && ! printf '%s\n' "$@" | grep -q '^tests'; then
  .venv/bin/python -m pytest -q "$browser" || status=$?
  [ "$status" -eq 5 ] && status=1
  .venv/bin/python -m pytest "$@" --ignore "$browser" || status=$(( $? > status ? $? : status ))
else
  .venv/bin/python -m pytest "$@" || status=$?
fi
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
