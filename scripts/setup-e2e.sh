#!/usr/bin/env bash
# Installs what the end-to-end tests need; idempotent (each step is skipped when done): Debian's Chromium (driven by
# playwright-core), then everything scripts/setup-code-server.sh installs (libkrb5-dev, Node 24, code-server).
# apt-get runs as root, or through sudo. `npm run try` needs only setup-code-server.sh (no browser is driven).
set -euo pipefail
cd "$(dirname "$0")/.."
extra=()
command -v chromium >/dev/null 2>&1 || extra+=(chromium)
exec bash scripts/setup-code-server.sh "${extra[@]}"
