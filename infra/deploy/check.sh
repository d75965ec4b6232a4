#!/usr/bin/env bash
# npm run check:deploy: the deployment files checked by the tools that will read
# them, where they are installed here (the project does not install them:
# Docker has no engine on these machines, and kubectl is the cluster's):
#   docker compose config (or docker-compose config): the Compose file, with .env.example's values;
#   kubectl kustomize: the Kubernetes manifests build.
# The structural checks (every variable the applications read is set, images,
# ports, Secrets and roles agree) are infra/deploy/deploy.spec.ts, in npm test.
set -euo pipefail
cd "$(dirname "$0")"
ran=0
if docker compose version >/dev/null 2>&1; then compose="docker compose"; elif docker-compose version >/dev/null 2>&1; then compose="docker-compose"; else compose=""; fi
if [ -n "$compose" ]; then
  echo "==> $compose config (compose/docker-compose.yml, with .env.example, its passwords given as an operator would)"
  env=$(mktemp)
  trap 'rm -f "$env"' EXIT
  sed -E 's/^([A-Z_]*_PASSWORD)=$/\1=0123456789abcdef01234567/' compose/.env.example > "$env"
  (cd compose && $compose --env-file "$env" -f docker-compose.yml config --quiet)
  ran=$((ran + 1))
else
  echo "(no Compose client here: docker compose config not run)"
fi
if command -v kubectl >/dev/null 2>&1; then
  echo "==> kubectl kustomize k8s"
  kubectl kustomize k8s >/dev/null
  ran=$((ran + 1))
else
  echo "(no kubectl here: kubectl kustomize not run)"
fi
echo "deployment files: $ran tool check(s) passed"
