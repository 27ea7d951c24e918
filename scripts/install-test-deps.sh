#!/usr/bin/env bash
# Everything the tests need beyond `pnpm install`: Node 22 and 24 (for the multi-version
# tests), Debian's chromium (for the HTML report's browser test; playwright-core
# drives it, no browser download) and Debian's golang-go (`go tool pprof` reads the
# pprof export). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-nodes.sh
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v go >/dev/null || missing+=(golang-go)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  apt-get install -y "${missing[@]}"
fi
