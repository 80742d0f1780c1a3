#!/usr/bin/env bash
# Installs the PostgreSQL 15 server and the pgvector extension on a Debian 12
# (bookworm) machine, as root, for the kb/postgres store and its tests.
# Debian 12 ships no pgvector package, so this builds pgvector (0.8.0) from
# the Debian 13 (trixie) *source* package, fetched with apt-get from the same
# Debian archive the machine already uses. Idempotent; about 1-2 minutes the
# first time, nothing afterwards.
set -euo pipefail
PGVER=15
PGBIN=/usr/lib/postgresql/$PGVER/bin
if [ "$(id -u)" -ne 0 ]; then
  echo "install-pgvector: run as root (it installs Debian packages)" >&2; exit 1
fi
if [ -x $PGBIN/initdb ] && [ -f /usr/share/postgresql/$PGVER/extension/vector.control ]; then
  echo "PostgreSQL $PGVER with pgvector: already installed"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql-$PGVER postgresql-server-dev-$PGVER build-essential dpkg-dev >/dev/null
if [ -f /usr/share/postgresql/$PGVER/extension/vector.control ]; then
  echo "PostgreSQL $PGVER with pgvector: installed"; exit 0
fi
# A deb-src entry for trixie, on the archive URI this machine already uses.
uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$uri" ] || { echo "install-pgvector: no Debian archive URI found in the apt sources" >&2; exit 1; }
cat > /etc/apt/sources.list.d/trixie-src.sources <<SRC
Types: deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt-get update -qq
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get source --download-only -qq pgvector >/dev/null 2>&1 ) ||
  { echo "install-pgvector: apt-get source pgvector failed (is trixie's deb-src reachable?)" >&2; exit 1; }
tar -xzf "$work"/pgvector_*.orig.tar.gz -C "$work"
src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
# OPTFLAGS="" keeps the build portable (no -march=native).
make -s -C "$src" PG_CONFIG=$PGBIN/pg_config OPTFLAGS="" >/dev/null
make -s -C "$src" PG_CONFIG=$PGBIN/pg_config install >/dev/null
echo "pgvector $(basename "$src" | sed 's/pgvector-//') installed for PostgreSQL $PGVER"
