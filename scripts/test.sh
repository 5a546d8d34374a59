#!/usr/bin/env bash
# `npm test`: provision the Temporal binaries if missing, then type-check, check the format (Prettier), lint and run Jest
# (unit, activities, workflows on the time-skipping server, API, DB tests on SQLite and a
# real PostgreSQL that the tests start on 127.0.0.1, documents, browser, and the OpenAPI contract
# checked by schemathesis against the real system).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/provision-temporal.sh
bash scripts/provision-schemathesis.sh   # the OpenAPI contract test (test/api/contract.test.ts)
echo "[test] type-check"; npx tsc --noEmit -p tsconfig.json
echo "[test] format"; npx prettier --check . --log-level warn
echo "[test] lint"; npx eslint .
echo "[test] jest"
mkdir -p test-artifacts
status=0
npx jest --ci --json --outputFile=test-artifacts/jest-results.json "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e '
  const r = require("./test-artifacts/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${r.numPendingTests} skipped`);
' || true
echo "[test] total $((SECONDS - start)) s"
exit $status
