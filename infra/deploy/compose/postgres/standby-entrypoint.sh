#!/bin/bash
# The standby: on an empty data directory, a base backup of the primary through the slot standby1,
# written with standby.signal and primary_conninfo (-R); then PostgreSQL as a hot standby streaming
# from the primary. Promote it (pg_ctl promote, or SELECT pg_promote()) when the primary is lost.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres-primary -p 5432 -q; do echo "waiting for the primary"; sleep 2; done
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres-primary -p 5432 -U replicator \
    -D "$PGDATA" -R -X stream -S standby1 --progress
fi
exec postgres -c hot_standby=on -c max_wal_senders=10 -c wal_level=replica -c hot_standby_feedback=on
