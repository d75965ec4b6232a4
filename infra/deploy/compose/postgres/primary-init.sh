#!/bin/bash
# First start of the primary only (the postgres image runs /docker-entrypoint-initdb.d/ on an empty
# data directory): the roles and databases of the deployment, and replication for the standby.
#   decision_owner  owns the database `decisions` and runs the migrations (dist/infra/migrate.js); CREATEROLE
#                   because the migrations create the applications' role decision_app and set its password;
#   decision_app    (made by the migrations) what the API and the worker connect as: may append to the record,
#                   never alter or remove it (prisma/migrations/20261123130000_app_role);
#   temporal        owns Temporal's databases temporal and temporal_visibility (CREATEDB: the schema job makes them);
#   replicator      streams the WAL to the standby, through the slot standby1.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$DECISION_OWNER_PASSWORD" -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v repl_pw="$REPLICATION_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE decision_owner LOGIN CREATEROLE PASSWORD :'owner_pw';
CREATE DATABASE decisions OWNER decision_owner ENCODING 'UTF8' TEMPLATE template0;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_pw';
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'repl_pw';
SELECT pg_create_physical_replication_slot('standby1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
