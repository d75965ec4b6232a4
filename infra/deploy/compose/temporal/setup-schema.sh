#!/bin/sh
# Creates Temporal's two databases unless they exist and brings their schemas
# to the newest version this server knows (safe to run again: update-schema
# applies only missing steps). Runs before the server, as the Temporal database
# role (which may create databases, or owns them already).
# Environment: POSTGRES_SEEDS, DB_PORT (5432), POSTGRES_USER, POSTGRES_PWD,
# DBNAME (temporal), VISIBILITY_DBNAME (temporal_visibility), SQL_TLS_ENABLED, SQL_CA, SQL_HOST_VERIFICATION
# as the server.
set -eu
schema=/etc/temporal/schema/postgresql/v12
tls=""
if [ "${SQL_TLS_ENABLED:-false}" = true ]; then
  tls="--tls"
  [ -n "${SQL_CA:-}" ] && tls="$tls --tls-ca-file $SQL_CA"
  [ "${SQL_HOST_VERIFICATION:-false}" = true ] || tls="$tls --tls-disable-host-verification"
fi
tool() {
  # shellcheck disable=SC2086 # $tls is a list of flags
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" $tls "$@"
}
for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db=${pair%%:*}
  dir=${pair#*:}
  echo "==> $db ($dir schema)"
  tool --db "$db" create-database 2>&1 | grep -v 'already exists' || true
  tool --db "$db" setup-schema -v 0.0
  tool --db "$db" update-schema -d "$schema/$dir/versioned"
done
echo "Temporal schema up to date"
