#!/bin/sh
# The Temporal server as the upstream image starts it: bind to this host's
# address and broadcast it to the other members; configuration from the
# environment (the binary's embedded config/docker.yaml); the services in
# TEMPORAL_SERVICES (comma-separated; all four when unset).
set -eu
: "${BIND_ON_IP:=$(getent hosts "$(hostname)" | awk '{print $1; exit}')}"
export BIND_ON_IP
if [ "$BIND_ON_IP" = "0.0.0.0" ] || [ "$BIND_ON_IP" = "::0" ]; then
  : "${TEMPORAL_BROADCAST_ADDRESS:=$(getent hosts "$(hostname)" | awk '{print $1; exit}')}"
  export TEMPORAL_BROADCAST_ADDRESS
fi
exec temporal-server --allow-no-auth start
