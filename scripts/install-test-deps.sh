#!/usr/bin/env bash
# Installs what `make test` needs on a Debian machine and checks the rest.
# Idempotent: it does nothing when everything is present.
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: install Go 1.26 or later (https://go.dev/dl/) and run make test again." >&2
  exit 1
fi
echo "test dependencies: ok ($(go version | awk '{print $3}'))"
