#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing or older than the lock.
# With --with-chromium also Debian's chromium, the browser test/dashboard.e2e-spec.ts drives (CI asks for it),
# and a CJK font (fonts-wqy-microhei, 5 MB) so that its zh-CN page and screenshot show Chinese, not boxes.
set -euo pipefail
cd "$(dirname "$0")/.."
# swagger-ui-dist pulls in @scarf/scarf, whose install script would phone home: not here
export SCARF_ANALYTICS=false
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ "${1:-}" = "--with-chromium" ]; then
  packages=()
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -d /usr/share/fonts/truetype/wqy ] || packages+=(fonts-wqy-microhei)
  if [ ${#packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      as_root=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      as_root=(sudo)
    elif [ ! -x /usr/bin/chromium ]; then
      echo "chromium is missing and this user cannot install it: run 'sudo apt-get install -y chromium fonts-wqy-microhei'" >&2
      exit 1
    else
      # the test reads text, not pixels: without the font only the zh-CN screenshot shows boxes
      echo "warning: no CJK font (fonts-wqy-microhei) and no way to install it" >&2
      packages=()
    fi
  fi
  if [ ${#packages[@]} -gt 0 ]; then
    echo "installing ${packages[*]} (apt-get)"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
fi
