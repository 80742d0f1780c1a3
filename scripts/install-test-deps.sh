#!/usr/bin/env bash
# Installs what `make test` needs on a Debian machine and checks the rest.
# Idempotent: it does nothing when everything is present.
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: install Go 1.26 or later (https://go.dev/dl/) and run make test again." >&2
  exit 1
fi
echo "test dependencies: ok ($(go version | awk '{print $3}'))"
# PostgreSQL 15 with pgvector, for the kb/postgres tests. Installing it needs
# root and apt; elsewhere those tests skip (or fail when CI=true).
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  bash "$here/install-pgvector.sh"
else
  echo "PostgreSQL with pgvector: not installed by this script (it needs root on Debian);" \
    "run scripts/install-pgvector.sh as root, or the kb/postgres tests skip (and fail when CI=true)."
fi
# Kannel with fakesmsc (kannel-extras), for the Kannel gateway test in
# telephony/gateway; without them it skips (and fails when CI=true).
if [ -x /usr/sbin/bearerbox ] && [ -x /usr/sbin/smsbox ] && [ -x /usr/lib/kannel/test/fakesmsc ]; then
  echo "Kannel: ok"
elif [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends kannel kannel-extras \
    || { apt-get update && apt-get install -y --no-install-recommends kannel kannel-extras; }
  # The test runs its own Kannel on free ports: the package's service is not wanted.
  if [ -d /run/systemd/system ]; then systemctl disable --now kannel >/dev/null 2>&1 || true; fi
else
  echo "Kannel: not installed by this script (it needs root on Debian);" \
    "run apt-get install kannel kannel-extras as root, or the Kannel test skips (and fails when CI=true)."
fi
