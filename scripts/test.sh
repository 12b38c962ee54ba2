#!/usr/bin/env bash
# Set up (idempotent) and run the whole test suite with pytest. A run that collects no test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The storage and end-to-end tests run on SQLite and on a real PostgreSQL server started here.
COUNTERWATCH_TEST_PG_URL="${COUNTERWATCH_TEST_PG_URL:-$(bash scripts/postgres.sh)}"
export COUNTERWATCH_TEST_PG_URL
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
