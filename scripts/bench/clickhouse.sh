#!/usr/bin/env bash
# DuckDB and ClickHouse side by side in one run, on this machine: the ClickHouse engine runs on the
# test engine of scripts/clickhouse/start.sh (chDB, ClickHouse 26.7 in-process behind a one-at-a-time
# HTTP bridge: NOT a production ClickHouse server, see PERF.md's caveats).
#   1. the generator's 90-day site of EVENTS events (default 10M) into each engine, timed;
#   2. ingestion over HTTP (wrk, 64 connections, a 202 after the journal's fdatasync on both) for
#      DURATION seconds (default 20) after a WARMUP (default 20), each engine in turn;
#   3. the dashboard's stats questions (30 days, no filter and a source filter) and the four
#      behavioral questions (90 days), RUNS times each (default 3), server at -Xmx256m, cache off.
# Prints Markdown for PERF.md.  Requires wrk.  Targets 127.0.0.1 only.
#   EVENTS=10000000 RUNS=3 scripts/bench/clickhouse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-20}
END=2026-11-20
source scripts/bench/lib.sh
require_wrk

bash scripts/clickhouse/start.sh "$scratch/clickhouse" > "$scratch/clickhouse.out" 2> "$scratch/clickhouse.err" &
clickhouse=$!
trap 'stop_server; kill $clickhouse 2>/dev/null; wait $clickhouse 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 600); do grep -q '^MALLARD_CLICKHOUSE_URL=' "$scratch/clickhouse.out" && break; sleep 1; done
url=$(sed -n 's/^MALLARD_CLICKHOUSE_URL=//p' "$scratch/clickhouse.out")
[ -n "$url" ] || { echo "the ClickHouse test engine did not start" >&2; cat "$scratch/clickhouse.err" >&2; exit 1; }
ENGINES="duckdb clickhouse"
declare -A engine_env=([duckdb]="MALLARD_STORAGE=duckdb" [clickhouse]="MALLARD_STORAGE=clickhouse MALLARD_CLICKHOUSE_URL=$url MALLARD_CLICKHOUSE_DATABASE=bench")
declare -A generated_s ingest_rps ingest_p99
for engine in $ENGINES; do
  t0=$(date +%s%N)
  env ${engine_env[$engine]} MALLARD_DATA_DIR="$scratch/$engine" "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$JAR" \
    generate --site example.com --events "$EVENTS" --days 90 --seed 1 --end-date "$END" | grep '^generated' >&2
  generated_s[$engine]=$(( ($(date +%s%N) - t0) / 1000000000 ))
done

lua=scripts/bench/ingest.lua
for engine in $ENGINES; do
  BENCH_ENV="${engine_env[$engine]}" start_server MALLARD_DATA_DIR="$scratch/ingest-$engine" MALLARD_TRUSTED_PROXIES=127.0.0.1
  wrk -t2 -c64 -d"$WARMUP"s -s "$lua" "$base/api/event" >/dev/null
  output=$(wrk -t2 -c64 -d"$DURATION"s --latency -s "$lua" "$base/api/event")
  ingest_rps[$engine]=$(echo "$output" | rps)
  ingest_p99[$engine]=$(echo "$output" | pct 99%)
  stop_server
done

from30=$(date -d "$END - 29 days" +%F)
from90=$(date -d "$END - 89 days" +%F)
source_filter=$(python3 -c 'import urllib.parse; print("filters=" + urllib.parse.quote("[[\"is\",\"source\",[\"Google\"]]]"))')
declare -A QUESTIONS=(
  [funnel]="funnel?site_id=example.com&start_date=$from90&end_date=$END&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day"
  [retention]="retention?site_id=example.com&period=week&periods=12"
  [sequences]="sequences?site_id=example.com&start_date=$from90&end_date=$END&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)"
  [flow]="flow?site_id=example.com&start_date=$from90&end_date=$END&page=/&depth=3"
)
declare -A behavior_ms
for engine in $ENGINES; do
  BENCH_ENV="${engine_env[$engine]}" start_limited_server "$scratch/$engine"
  [ "$engine" = duckdb ] && await_rollups
  time_dashboard "$engine" "site_id=example.com&start_date=$from30&end_date=$END"
  time_dashboard "$engine-filtered" "site_id=example.com&start_date=$from30&end_date=$END&$source_filter"
  for name in funnel retention sequences flow; do
    ms "$base/api/stats/${QUESTIONS[$name]}" >/dev/null
    behavior_ms[$engine/$name]=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/${QUESTIONS[$name]}"; done | percentiles)
  done
  stop_server
done

echo "| measure | DuckDB | ClickHouse (test engine) | ClickHouse / DuckDB |"
echo "|---|---|---|---|"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
echo "| generator, $EVENTS events (s) | ${generated_s[duckdb]} | ${generated_s[clickhouse]} | $(ratio "${generated_s[duckdb]}" "${generated_s[clickhouse]}") |"
echo "| ingestion over HTTP, 64 connections (events/s) | ${ingest_rps[duckdb]} | ${ingest_rps[clickhouse]} | $(ratio "${ingest_rps[duckdb]}" "${ingest_rps[clickhouse]}") |"
echo "| ingestion p99 (wrk) | ${ingest_p99[duckdb]} | ${ingest_p99[clickhouse]} | |"
for name in funnel retention sequences flow; do
  read -r d50 d95 <<< "${behavior_ms[duckdb/$name]}"
  read -r c50 c95 <<< "${behavior_ms[clickhouse/$name]}"
  echo "| $name, 90 days, p50 / p95 (ms) | $d50 / $d95 | $c50 / $c95 | $(ratio "$d50" "$c50") |"
done
echo
dashboard_table duckdb DuckDB clickhouse "ClickHouse (test engine)"
echo
dashboard_table duckdb-filtered "DuckDB, source is Google" clickhouse-filtered "ClickHouse, source is Google"
