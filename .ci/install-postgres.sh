#!/usr/bin/env bash
# PostgreSQL for the shared-archive tests: Debian's server and contrib (pg_trgm). The tests start their own
# throwaway cluster (initdb + pg_ctl in a temporary folder) and remove it; nothing is started here.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo "postgresql: already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "postgresql is not installed: run 'sudo apt-get install postgresql postgresql-contrib' (the archive tests need it)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql postgresql-contrib >/dev/null
echo "postgresql: installed"
