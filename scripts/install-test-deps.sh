#!/usr/bin/env bash
# Everything the tests need beyond `pnpm install`: Node 22 and 24 (for the multi-version
# tests) and Debian's chromium (for the HTML report's browser test; playwright-core
# drives it, no browser download). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-nodes.sh
if ! command -v chromium >/dev/null; then
  apt-get update
  apt-get install -y chromium
fi
