#!/usr/bin/env bash
# The first start on a 10M-event data directory: the time the server takes to make every day's
# rollups, stored visits and trails current, and its peak RSS meanwhile, limited as PERF.md measures
# it (-Xmx256m, DuckDB 256MB). Runs on a copy of DATA with its rollups forgotten (ForgetRollups.java,
# trail files removed), or on a freshly generated site when DATA is not set.
#   DATA=dir scripts/bench/first-start.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
END=2026-11-20
source scripts/bench/lib.sh
data=$scratch/first-start
if [ -n "${DATA:-}" ]; then
  cp -r "$DATA" "$data"
  rm -rf "$data/trails"
  duckdb_jar=$(find ~/.m2/repository/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | sort | tail -1)
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$duckdb_jar" scripts/bench/baseline/ForgetRollups.java "$data/mallard.duckdb"
else
  generate_site "$data" example.com "$EVENTS"
fi
start_limited_server "$data"
await_rollups
echo "peak RSS during the first start: $(awk '/VmHWM/ {print $2}' /proc/$server/status) kB"
