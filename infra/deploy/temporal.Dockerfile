# The Temporal server and its SQL schema tool, built from Go source through the
# module proxy (the same build as infra/temporal-server.sh), on Debian.
# One image for the server's services and for the schema job:
#   docker build -f infra/deploy/temporal.Dockerfile -t registry.example.gov.cn/decisions/temporal:1.32.2 infra/deploy
# The server reads its configuration from the environment (the module's
# config/docker.yaml, embedded in the binary: DB, POSTGRES_SEEDS, DB_PORT,
# POSTGRES_USER, POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME, NUM_HISTORY_SHARDS,
# BIND_ON_IP, TEMPORAL_SERVICES, TEMPORAL_TLS_*, …). The upstream images
# temporalio/server:1.32.2 (and admin-tools for the schema) take the same
# variables where a registry mirror has them.

FROM golang:1.26-bookworm AS build
ARG TEMPORAL_VERSION=v1.32.2
# v1.32.2 needs Go >= 1.26.10: the go command fetches this toolchain from the module proxy.
ENV GOTOOLCHAIN=go1.27.3 GOBIN=/out CGO_ENABLED=0
RUN go install go.temporal.io/server/cmd/server@${TEMPORAL_VERSION} \
 && go install go.temporal.io/server/cmd/tools/sql@${TEMPORAL_VERSION} \
 && mkdir -p /out/schema /out/config \
 && cp -r "$(go env GOMODCACHE)/go.temporal.io/server@${TEMPORAL_VERSION}/schema/postgresql" /out/schema/ \
 && cp -r "$(go env GOMODCACHE)/go.temporal.io/server@${TEMPORAL_VERSION}/config/dynamicconfig" /out/config/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd -g 1000 temporal && useradd -u 1000 -g temporal -d /etc/temporal temporal
COPY --from=build /out/server /usr/local/bin/temporal-server
COPY --from=build /out/sql /usr/local/bin/temporal-sql-tool
COPY --from=build /out/schema /etc/temporal/schema
COPY --from=build /out/config /etc/temporal/config
COPY compose/temporal/entrypoint.sh /etc/temporal/entrypoint.sh
COPY compose/temporal/setup-schema.sh /etc/temporal/setup-schema.sh
WORKDIR /etc/temporal
USER temporal
EXPOSE 7233 7234 7235 7239 6933 6934 6935 6939 7243
CMD ["/etc/temporal/entrypoint.sh"]
