#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing or older than the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
# swagger-ui-dist pulls in @scarf/scarf, whose install script would phone home: not here
export SCARF_ANALYTICS=false
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
