# Sourced (not run) by the README's commands and CI: puts the Node.js the project is pinned to (.nvmrc)
# first on PATH. A machine whose node is another major version gets the pinned release from the npm
# registry (the node-<os>-<arch> packages carry the official binary; npm checks its integrity), unpacked
# once under .cache/node/<version>. Node 24 is the active LTS line (maintained until April 2028); 20 is
# past its end of life and 22 ends in April 2027.
# shellcheck shell=bash
ensure_node() {
  local root version want have os arch dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  version="$(tr -d ' \nv' <"$root/.nvmrc")"
  want="${version%%.*}"
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
  [ "$have" = "$want" ] && return 0
  dir="$root/.cache/node/$version"
  if [ ! -x "$dir/bin/node" ]; then
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "no Node.js $version package for $(uname -s)" >&2; return 1 ;; esac
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "no Node.js $version package for $(uname -m)" >&2; return 1 ;; esac
    echo "installing Node.js $version (node $have here) into .cache/node/$version"
    mkdir -p "$dir.partial"
    (cd "$dir.partial" && npm pack --silent "node-$os-$arch@$version" >/dev/null &&
      tar xzf "node-$os-$arch-$version.tgz" --strip-components=1 package/bin/node package/LICENSE &&
      rm "node-$os-$arch-$version.tgz") || { rm -rf "$dir.partial"; return 1; }
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
}
ensure_node
