#!/usr/bin/env bash
# npm start: install what is missing, build, and run the whole system.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_FOR=start bash infra/setup.sh
echo "==> build"
npm run --silent build
exec node --enable-source-maps dist/infra/start.js
