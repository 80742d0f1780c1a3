#!/usr/bin/env bash
# Installs what the web package's browser tests need on a Debian machine, as
# root: Debian's Chromium (never a browser a tool downloads by itself, which
# fails without network) and the npm packages pinned in package-lock.json
# (bootstrap-italia, served at /static/bi/, and axe-core, injected by the
# tests). Idempotent: it does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: already installed ($(chromium --version 2>/dev/null | head -1))"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "chromium: installed ($(chromium --version 2>/dev/null | head -1))"
else
  echo "chromium: not installed by this script (it needs root and apt);" \
    "install Debian's chromium, or the web browser tests skip (and fail when CI=true)." >&2
fi
if [ -f node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css ] && [ -f node_modules/axe-core/axe.min.js ]; then
  echo "node_modules: already installed"
elif command -v npm >/dev/null 2>&1; then
  # --ignore-scripts: no package gets to run code (or fetch a browser) at install.
  npm ci --ignore-scripts --no-audit --no-fund
  echo "node_modules: installed from package-lock.json"
else
  echo "npm is not installed: install Node.js 20 and npm, or the web browser tests skip (and fail when CI=true)." >&2
fi
