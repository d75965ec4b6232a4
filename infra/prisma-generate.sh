#!/usr/bin/env bash
# Generates the Prisma client offline. Prisma's CLI insists on a schema engine
# binary and would download one; generation never runs it, so any executable
# will do. The client itself uses the WebAssembly query compiler and the pg
# driver adapter: no engine at run time either.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
npx --no-install prisma generate --no-hints >/dev/null
echo "prisma client generated in libs/db/generated/prisma"
