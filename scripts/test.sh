#!/usr/bin/env bash
# The whole test suite: static checks, unit tests, then integration and end-to-end tests against a
# real Kafka broker and Mongo-wire server (KAFKA_BROKERS/MONGO_URI, else testcontainers, else the
# deploy/local servers, installed and started as needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
bash scripts/ensure-deps.sh
echo "== lint, format, types"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn
npx tsc -p tsconfig.json --noEmit
echo "== build, and the AsyncAPI document is up to date"
npx tsc -p tsconfig.build.json
node scripts/asyncapi.js --check
echo "== Kubernetes manifests and docker-compose.yml validate"
bash scripts/validate-k8s.sh
echo "== tests"
npx jest --ci --selectProjects unit integration "$@"
