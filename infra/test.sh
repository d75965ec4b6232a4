#!/usr/bin/env bash
# npm test: everything CI checks, in one command. Jest's global setup brings up
# a throwaway PostgreSQL cluster and a Temporal dev server and tears them down.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
echo "==> lint"
npx --no-install eslint --max-warnings 0 .
echo "==> type-check (the server side, then the web application)"
npx --no-install tsc --noEmit -p tsconfig.json
npx --no-install tsc --noEmit -p apps/web/tsconfig.json
echo "==> build (the production build, the verifier CLI the end-to-end test runs, the web application the browser tests use)"
npm run --silent build >/dev/null
echo "==> unit, integration and end-to-end tests"
mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
status=0
npx --no-install jest --ci --json --outputFile="$results" "$@" || status=$?
# Jest's own summary ("Tests: 316 passed, 316 total") is not the plain
# "N passed, N failed" line that CI reads for the count, so it is restated last.
node infra/test-summary.js "$results" || true
exit "$status"
