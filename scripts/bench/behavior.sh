#!/usr/bin/env bash
# Behavioral endpoint latency on the generator's 10M-event, 90-day site, server limited to -Xmx256m
# and DuckDB memory_limit=256MB: funnel (4 steps, 1-day window), retention (12 weeks), sequences
# (3 steps with a time gate), flow (depth 3), over the full 90 days; then the same questions as plain
# DuckDB SQL (scripts/bench/baseline/BaselineSql.java behavior) over the same files, same memory
# limit, in the same run; then filtered questions (a visit filter matching nothing, a visit filter, an
# event filter, a property step), which no rollup answers. Prints Markdown for PERF.md.
#   RUNS=5 DATA=dir scripts/bench/behavior.sh     (DATA as for stats.sh; generated when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
END=2026-11-20
source scripts/bench/lib.sh
serve_generated_site

from=$(date -d "$END - 89 days" +%F)
range="site_id=example.com&start_date=$from&end_date=$END"
declare -A QUESTIONS=(
  [funnel]="funnel?$range&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day"
  [retention]="retention?site_id=example.com&period=week&periods=12"
  [sequences]="sequences?$range&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)"
  [flow]="flow?$range&page=/&depth=3"
)

filter() { python3 -c 'import sys, urllib.parse; print("filters=" + urllib.parse.quote(sys.argv[1]))' "$1"; }
FILTERED=("funnel, country is DE (none)" "funnel, source is Google" "funnel, property step" "flow, source is Google"
  "retention, browser is Firefox" "sequences, page is not /about")
QUESTIONS+=(
  ["funnel, country is DE (none)"]="${QUESTIONS[funnel]}&$(filter '[["is","country",["DE"]]]')"
  ["funnel, source is Google"]="${QUESTIONS[funnel]}&$(filter '[["is","source",["Google"]]]')"
  ["funnel, property step"]="funnel?$range&steps=page:/pricing,event:signup%5Bplan=pro%5D,event:purchase%5Bplan=pro%5D&window=1%20day"
  ["flow, source is Google"]="${QUESTIONS[flow]}&$(filter '[["is","source",["Google"]]]')"
  ["retention, browser is Firefox"]="${QUESTIONS[retention]}&$(filter '[["is","browser",["Firefox"]]]')"
  ["sequences, page is not /about"]="${QUESTIONS[sequences]}&$(filter '[["is_not","page",["/about"]]]')"
)

declare -A server_ms answers
for name in funnel retention sequences flow "${FILTERED[@]}"; do
  ms "$base/api/stats/${QUESTIONS[$name]}" >/dev/null   # warm: files in the page cache
  server_ms[$name]=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/${QUESTIONS[$name]}"; done | percentiles)
  answers[$name]=$(head -c 120 "$scratch/body" | tr '|' '/')
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
stored_events=$(curl -sf -b "$cookie" "$base/health/detailed" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["hot_events"] + d["cold_events"])')
stop_server
trail_bytes=$(du -sb "$data/trails" | cut -f1)

# The same questions as plain DuckDB SQL over the same Parquet files, same memory limit, same run.
duckdb_jar=$(find ~/.m2/repository/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | sort | tail -1)
declare -A baseline_ms
while read -r name rest; do baseline_ms[$name]=$rest; done < <("$JAVA_HOME/bin/java" -Xmx256m \
  --enable-native-access=ALL-UNNAMED -cp "$duckdb_jar" scripts/bench/baseline/BaselineSql.java behavior \
  "$data/events/site_id=example.com/*/*.parquet" "$from 00:00:00" "$RUNS" "$(date -d "$END + 1 day" +%F) 00:00:00" 2>/dev/null)

echo "| endpoint | p50 / p95 (ms) | plain SQL p50 / p95 (ms) | SQL / endpoint | answer (abridged) |"
echo "|---|---|---|---|---|"
for name in funnel retention sequences flow; do
  read -r p50 p95 <<< "${server_ms[$name]}"
  sql=${baseline_ms[$name]:-missing}
  ratio=$(awk -v s="${sql%% *}" -v e="$p50" 'BEGIN { if (s ~ /^[0-9]+$/) printf "%.2f", s / e; else print "-" }')
  echo "| $name | $p50 / $p95 | ${sql/ / \/ } | $ratio | ${answers[$name]} |"
done
echo
echo "| filtered question (90 days) | p50 / p95 (ms) | answer (abridged) |"
echo "|---|---|---|"
for name in "${FILTERED[@]}"; do
  read -r p50 p95 <<< "${server_ms[$name]}"
  echo "| $name | $p50 / $p95 | ${answers[$name]} |"
done
echo
echo "Peak RSS of the server during the run: $((rss_kb / 1024)) MB (VmHWM)."
echo "Day trails on disk: $trail_bytes bytes for $stored_events stored events ($(awk -v b="$trail_bytes" -v e="$stored_events" 'BEGIN { printf "%.1f", b / e }') B/event)."
