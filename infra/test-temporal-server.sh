#!/usr/bin/env bash
# npm run test:temporal-server: the end-to-end tests (test/e2e: HTTP in through
# the API, the worker, PostgreSQL, history out) against the full Temporal
# server built from Go on PostgreSQL, instead of the CLI's dev server (SQLite):
# the server a production cluster runs. Jest's global setup starts it when
# TEMPORAL_SERVER=full (test/setup/global-setup.ts, infra/temporal-server.ts).
#
# The first run builds the server (infra/temporal-server.sh: Go and the module
# proxy, about 7 minutes on 2 cores); later runs reuse it. The files run in
# Jest's workers as in npm test (not --runInBand: one process holding every
# file's heap made the large-documents test, which forces a full collection
# twice a second, take over ten minutes instead of seconds). The schema fuzzing
# (openapi-fuzz, several minutes, nothing specific to Temporal) is left out
# unless named:
#   npm run test:temporal-server                         # test/e2e but the fuzzing
#   npm run test:temporal-server -- test/e2e/walkthrough  # some files (jest patterns)
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
bash infra/temporal-server.sh
echo "==> compile (the signing tool an end-to-end test runs from dist/)"
npx --no-install tsc -p tsconfig.build.json
echo "==> end-to-end tests against the full Temporal server"
if [ "$#" -eq 0 ]; then set -- test/e2e --testPathIgnorePatterns /node_modules/ /dist/ openapi-fuzz; fi
TEMPORAL_SERVER=full exec npx --no-install jest --ci "$@"
