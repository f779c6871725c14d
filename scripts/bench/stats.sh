#!/usr/bin/env bash
# Stats API latency on the generator's 10M-event, 90-day site (plus two small sites), server limited
# to -Xmx256m and DuckDB memory_limit=256MB, result cache off (every request runs its query), next to
# the same questions as hand-written DuckDB SQL over the same Parquet files. Waits for the daily rollups
# to be current first (the first start on a data directory builds them). Prints Markdown for PERF.md.
#   EVENTS=10000000 RUNS=5 scripts/bench/stats.sh          (DATA=dir reuses a generated data directory)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-5}
END=2026-11-20
source scripts/bench/lib.sh
data=${DATA:-$scratch/data}

generate_site "$data" example.com "$EVENTS"
generate_site "$data" small-one.test 50000
generate_site "$data" small-two.test 50000
start_limited_server "$data"
await_rollups

# The dashboard's questions; the reference's default dates end "today", so the range is anchored with start/end dates.
ENDPOINTS="main timeseries sessions breakdown/pages breakdown/sources breakdown/browsers breakdown/os breakdown/devices breakdown/countries"

declare -A server_ms
for days in 30 90; do
  from=$(date -d "$END - $((days - 1)) days" +%F)
  query="site_id=example.com&start_date=$from&end_date=$END"
  for endpoint in $ENDPOINTS; do ms "$base/api/stats/$endpoint?$query" >/dev/null; done  # warm: files in the page cache
  for endpoint in $ENDPOINTS; do
    server_ms[$days/$endpoint]=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/$endpoint?$query"; done | percentiles)
  done
  loads=$(for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N)
    pids=()
    for endpoint in $ENDPOINTS; do
      (code=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" "$base/api/stats/$endpoint?$query")
       [ "$code" = 200 ] || { echo "first load, $days days: $endpoint answered HTTP $code" >&2; exit 1; }) & pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || { tail -3 "$scratch/server.log" >&2; exit 1; }; done
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
  done | percentiles)
  server_ms[$days/first-load]=$loads
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
stop_server

duckdb_jar=$(find ~/.m2/repository/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | sort | tail -1)
declare -A baseline_ms
for days in 30 90; do
  from=$(date -d "$END - $((days - 1)) days" +%F)
  while read -r name p50 p95; do
    baseline_ms[$days/$name]="$p50 $p95"
  done < <("$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$duckdb_jar" scripts/bench/baseline/BaselineSql.java stats \
    "$data/events/site_id=example.com/*/*.parquet" "$from 00:00:00" "$RUNS" 2>/dev/null)
done

echo "| endpoint | 30d p50 / p95 (ms) | 30d SQL baseline p50 | ratio | 90d p50 / p95 (ms) | 90d SQL baseline p50 | ratio |"
echo "|---|---|---|---|---|---|---|"
for endpoint in $ENDPOINTS; do
  name=${endpoint#breakdown/}
  row="| $endpoint"
  for days in 30 90; do
    read -r p50 p95 <<< "${server_ms[$days/$endpoint]}"
    read -r b50 _ <<< "${baseline_ms[$days/$name]}"
    if [[ "$b50" =~ ^[0-9]+$ ]]; then
      row="$row | $p50 / $p95 | $b50 | $(python3 -c "print(f'{$p50 / max($b50, 1):.2f}')")"
    else  # BaselineSql printed "failed: reason" (the hand-written pages query runs out of memory at 90 days)
      reason=${baseline_ms[$days/$name]#failed: }
      row="$row | $p50 / $p95 | failed: ${reason:0:40} | –"
    fi
  done
  echo "$row |"
done
read -r l30 l30p95 <<< "${server_ms[30/first-load]}"
read -r l90 l90p95 <<< "${server_ms[90/first-load]}"
echo "| dashboard first load (9 requests in parallel) | $l30 / $l30p95 | | | $l90 / $l90p95 | | |"
echo
echo "Peak RSS of the server during the run: $((rss_kb / 1024)) MB (VmHWM)."
