#!/usr/bin/env bash
# The dashboard's stats for a site whose time zone is off UTC, next to the same site in UTC, in one
# run: the site's days then cut UTC days, so the ends of a range and every bucket of its daily
# series are pieces of two UTC days (rollup splits, docs/METRICS.md). Server limited as in stats.sh
# (-Xmx256m, DuckDB 256MB, answer cache off). Registers example.com in ZONE for the timing and puts
# it back in UTC at the end. Prints Markdown for PERF.md.
#   ZONE=America/New_York RUNS=5 DATA=dir scripts/bench/stats-zone.sh   (DATA as for stats.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
ZONE=${ZONE:-America/New_York}
END=2026-11-20
source scripts/bench/lib.sh
serve_generated_site

set_zone() {
  local body="{\"time_zone\":\"$1\"}"
  curl -sf -b "$cookie" -H "Origin: $base" -H 'Content-Type: application/json' -X PATCH -d "$body" \
    "$base/api/sites/example.com" >/dev/null \
  || curl -sf -b "$cookie" -H "Origin: $base" -H 'Content-Type: application/json' \
    -d "{\"site_id\":\"example.com\",\"time_zone\":\"$1\"}" "$base/api/sites" >/dev/null
}
trap '[ -n "$server" ] && set_zone UTC; stop_server; rm -rf "$scratch"' EXIT

from=$(date -d "$END - 29 days" +%F)
query="site_id=example.com&start_date=$from&end_date=$END"

set_zone UTC
time_dashboard UTC "$query"
lines=$(grep -c 'rollups current' "$scratch/server.log")
set_zone "$ZONE"
# The upkeep (every minute) builds the zone's splits and logs when it built any.
for _ in $(seq 1 45); do
  [ "$(grep -c 'rollups current' "$scratch/server.log")" -gt "$lines" ] && break
  sleep 2
done
echo "$(grep 'rollups current' "$scratch/server.log" | tail -1 | grep -o 'rollups current.*') after the zone change" >&2
time_dashboard "$ZONE" "$query"

dashboard_table UTC UTC "$ZONE" "$ZONE"
