#!/usr/bin/env bash
# `npm test`: provision the Temporal binaries if missing, then type-check, lint and run Jest
# (unit, activities, workflows on the time-skipping server, API and DB tests on SQLite and a
# real PostgreSQL that the tests start on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/provision-temporal.sh
echo "[test] type-check"; npx tsc --noEmit -p tsconfig.json
echo "[test] lint"; npx eslint .
echo "[test] jest"; npx jest --ci "$@"
echo "[test] total $((SECONDS - start)) s"
