#!/usr/bin/env bash
# Builds the full Temporal server (the same program a production cluster runs,
# PostgreSQL persistence) and its SQL schema tool from Go source, through the
# Go module proxy, into a cache the checkout keeps:
#
#   .tools/temporal-server/<version>/bin/server   the server (frontend, history, matching, worker)
#   .tools/temporal-server/<version>/bin/sql      temporal-sql-tool: create-database, setup-schema, update-schema
#   .tools/temporal-server/<version>/schema/      the module's schema/postgresql/v12 (update-schema reads it from disk)
#   .tools/temporal-server/<version>/config/      the module's config/ (development-postgres12.yaml, dynamicconfig/) and the
#                                                 template embedded in the binary (config_template_embedded.yaml), for reference
#
# Skips what is there. About 7 minutes on 2 busy cores the first time (3.5 with
# a warm Go build cache); a 160 MB binary. infra/temporal-server.ts configures,
# starts and stops it (the test tier `npm run test:temporal-server` uses it).
#
#   bash infra/temporal-server.sh            # build if missing, print where
#   TEMPORAL_SERVER_DIR=/opt/temporal bash infra/temporal-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.32.2}"
# v1.32.2 needs Go >= 1.26.10; the go command fetches this approved toolchain from the module proxy.
export GOTOOLCHAIN="${GOTOOLCHAIN_FOR_TEMPORAL:-go1.27.3}"
DIR="${TEMPORAL_SERVER_DIR:-.tools/temporal-server/$TEMPORAL_SERVER_VERSION}"
MODULE=go.temporal.io/server

if [ -x "$DIR/bin/server" ] && [ -x "$DIR/bin/sql" ] && [ -d "$DIR/schema/postgresql/v12/temporal/versioned" ] && [ -f "$DIR/config/config_template_embedded.yaml" ]; then
  echo "Temporal server $TEMPORAL_SERVER_VERSION: $DIR (built)"
  exit 0
fi
command -v go >/dev/null || { echo "the full Temporal server is built with Go: install Go (any 1.21+; GOTOOLCHAIN=$GOTOOLCHAIN fetches the rest)" >&2; exit 1; }

mkdir -p "$DIR/bin"
export GOBIN="$(cd "$DIR/bin" && pwd)"
log="$DIR/build.log"
started=$(date +%s)

# go install, with a line every 30 s so that a long build is seen to be alive.
build() {
  local what=$1
  echo "==> go install $MODULE/$what@$TEMPORAL_SERVER_VERSION (GOTOOLCHAIN=$GOTOOLCHAIN; log: $log)"
  go install "$MODULE/$what@$TEMPORAL_SERVER_VERSION" >>"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 30 &
    wait $! || true
    if kill -0 "$pid" 2>/dev/null; then
      echo "    … still building $what ($(( $(date +%s) - started )) s; $(grep -c '^go: downloading' "$log" || true) modules downloaded so far)"
    fi
  done
  if ! wait "$pid"; then
    echo "building $what failed; the end of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

: >"$log"
[ -x "$DIR/bin/server" ] || build cmd/server
[ -x "$DIR/bin/sql" ] || build cmd/tools/sql

# The schema files and the reference configuration, from the module the build downloaded.
src="$(go env GOMODCACHE)/$MODULE@$TEMPORAL_SERVER_VERSION"
[ -d "$src/schema/postgresql/v12" ] || go mod download "$MODULE@$TEMPORAL_SERVER_VERSION" >>"$log" 2>&1
rm -rf "$DIR/schema" "$DIR/config"
mkdir -p "$DIR/schema/postgresql"
cp -r "$src/schema/postgresql/v12" "$DIR/schema/postgresql/"
cp -r "$src/config" "$DIR/config"
# The configuration the binary reads from the environment when given no file (what the images run).
cp "$src/common/config/config_template_embedded.yaml" "$DIR/config/"
chmod -R u+w "$DIR/schema" "$DIR/config" # the module cache is read-only
echo "Temporal server $TEMPORAL_SERVER_VERSION: built into $DIR in $(( $(date +%s) - started )) s ($("$DIR/bin/server" --version))"
