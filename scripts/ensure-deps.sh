#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing or older than the lock.
# With --with-chromium also Debian's chromium, the browser test/dashboard.e2e-spec.ts drives (CI asks for it).
set -euo pipefail
cd "$(dirname "$0")/.."
# swagger-ui-dist pulls in @scarf/scarf, whose install script would phone home: not here
export SCARF_ANALYTICS=false
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ "${1:-}" = "--with-chromium" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    echo "chromium is missing and this user cannot install it: run 'sudo apt-get install -y chromium'" >&2
    exit 1
  fi
  echo "installing chromium (apt-get)"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
