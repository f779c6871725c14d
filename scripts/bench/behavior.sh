#!/usr/bin/env bash
# Behavioral endpoint latency on the generator's 10M-event, 90-day site, server limited to -Xmx256m
# and DuckDB memory_limit=256MB: funnel (4 steps, 1-day window), retention (12 weeks), sequences
# (3 steps with a time gate), flow (depth 3), over the full 90 days. Prints Markdown for PERF.md.
#   RUNS=5 DATA=dir scripts/bench/behavior.sh     (DATA as for stats.sh; generated when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-5}
END=2026-11-20
source scripts/bench/lib.sh
data=${DATA:-$scratch/data}

if [ ! -d "$data/events/site_id=example.com" ]; then
  MALLARD_DATA_DIR=$data "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$JAR" \
    generate --site example.com --events "$EVENTS" --days 90 --seed 1 --end-date $END | grep '^generated' >&2
fi

JAVA_OPTS=-Xmx256m start_server MALLARD_DATA_DIR="$data" MALLARD_CACHE_TTL=0 MALLARD_DUCKDB_MEMORY_LIMIT=256MB \
  MALLARD_ADMIN_PASSWORD=benchmark-password MALLARD_FLUSH_INTERVAL=3600
login admin benchmark-password

from=$(date -d "$END - 89 days" +%F)
range="site_id=example.com&start_date=$from&end_date=$END"
declare -A QUESTIONS=(
  [funnel]="funnel?$range&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day"
  [retention]="retention?site_id=example.com&period=week&periods=12"
  [sequences]="sequences?$range&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)"
  [flow]="flow?$range&page=/&depth=3"
)

echo "| endpoint | p50 / p95 (ms) | answer (abridged) |"
echo "|---|---|---|"
for name in funnel retention sequences flow; do
  ms "$base/api/stats/${QUESTIONS[$name]}" >/dev/null   # warm: files in the page cache
  timing=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/${QUESTIONS[$name]}"; done | percentiles)
  read -r p50 p95 <<< "$timing"
  echo "| $name | $p50 / $p95 | $(head -c 160 "$scratch/body" | tr '|' '/') |"
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
echo
echo "Peak RSS of the server during the run: $((rss_kb / 1024)) MB (VmHWM)."
