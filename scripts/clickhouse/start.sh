#!/usr/bin/env bash
# A real ClickHouse engine (chDB: ClickHouse 26.7 as a library, from the npm registry) behind
# ClickHouse's HTTP interface on loopback, for development and tests. Installs chDB here on first
# use (about 540 MB), then prints the line
#   MALLARD_CLICKHOUSE_URL=http://127.0.0.1:PORT
# and runs until killed. Data lives in DIR. PORT is free and chosen by the system unless given.
#   scripts/clickhouse/start.sh DIR [PORT]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DATA_DIR [PORT]" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$1"
dir="$(cd "$1" && pwd)"
if [ ! -d "$here/node_modules/chdb" ]; then
  echo "installing chDB (about 540 MB) into $here/node_modules ..." >&2
  # npm install, not npm ci: the lock names only this platform's chDB library (the one the registry
  # serves here), and npm ci refuses a lock without the other platforms' optional ones.
  (cd "$here" && npm install --no-audit --no-fund >&2)
fi
exec node "$here/bridge.mjs" "$dir" "${2:-}"
