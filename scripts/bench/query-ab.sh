#!/usr/bin/env bash
# Compares two builds' stats and behavioral latency side by side, on the generator's 10M-event,
# 90-day site: each jar serves its own copy of the same data directory (-Xmx256m, DuckDB
# memory_limit=256MB, no result cache, rollups current), and every question is asked of the two
# servers in turn, RUNS times each after a warm-up, so the VM's slow and fast phases fall on both.
# Prints Markdown for PERF.md: p50 / p95 per jar and the ratio of the p50s (B / A).
#   DATA=dir RUNS=5 scripts/bench/query-ab.sh before.jar after.jar      (ONLY=regex asks only the questions it matches)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
RUNS=${RUNS:-5}
EVENTS=${EVENTS:-10000000}
END=2026-11-20
JAR=$1
source scripts/bench/lib.sh
jars=("$1" "$2")
data=${DATA:-$scratch/data}
generate_site "$data" example.com "$EVENTS"
copy=$scratch/data-b
cp -r "$data" "$copy"
dirs=("$data" "$copy")

ports=()
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$scratch"' EXIT
for i in 0 1; do
  ports[$i]=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env MALLARD_DATA_DIR="${dirs[$i]}" MALLARD_HOST=127.0.0.1 MALLARD_PORT=${ports[$i]} MALLARD_CACHE_TTL=0 \
    MALLARD_DUCKDB_MEMORY_LIMIT=256MB MALLARD_ADMIN_PASSWORD=benchmark-password MALLARD_FLUSH_INTERVAL=3600 \
    "$JAVA_HOME/bin/java" -Xmx256m -Dmallard.benchmark=true --enable-native-access=ALL-UNNAMED -jar "${jars[$i]}" \
    > "$scratch/server$i.log" 2>&1 &
  pids[$i]=$!
done
for i in 0 1; do
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:${ports[$i]}/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf -c "$scratch/cookie$i" -H 'Content-Type: application/json' -d '{"username":"admin","password":"benchmark-password"}' \
    "http://127.0.0.1:${ports[$i]}/api/auth/login" >/dev/null || { echo "server $i did not start:" >&2; tail "$scratch/server$i.log" >&2; exit 1; }
  until grep -q 'rollups current' "$scratch/server$i.log"; do sleep 2; done
done

# One request's time in ms against server $1 (fails on a non-200).
ask() {
  local out code
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$scratch/cookie$1" "http://127.0.0.1:${ports[$1]}$2")
  code=${out% *}
  [ "$code" = 200 ] || { echo "server $1 answered HTTP $code to $2" >&2; exit 1; }
  awk -v t="${out#* }" 'BEGIN { printf "%.0f\n", t * 1000 }'
}

from30=$(date -d "$END - 29 days" +%F)
from90=$(date -d "$END - 89 days" +%F)
range90="site_id=example.com&start_date=$from90&end_date=$END"
questions=(
  "main 30d|/api/stats/main?site_id=example.com&start_date=$from30&end_date=$END"
  "timeseries 30d|/api/stats/timeseries?site_id=example.com&start_date=$from30&end_date=$END"
  "pages 30d|/api/stats/breakdown/pages?site_id=example.com&start_date=$from30&end_date=$END"
  "sources 30d|/api/stats/breakdown/sources?site_id=example.com&start_date=$from30&end_date=$END"
  "main 90d|/api/stats/main?$range90"
  "timeseries 90d|/api/stats/timeseries?$range90"
  "sessions 90d|/api/stats/sessions?$range90"
  "pages 90d|/api/stats/breakdown/pages?$range90"
  "sources 90d|/api/stats/breakdown/sources?$range90"
  "countries 90d|/api/stats/breakdown/countries?$range90"
  "filtered pages 90d (country=US)|/api/stats/breakdown/pages?$range90&filters=%5B%5B%22is%22%2C%22country%22%2C%5B%22US%22%5D%5D%5D"
  "funnel 90d|/api/stats/funnel?$range90&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day"
  "retention 12 weeks|/api/stats/retention?site_id=example.com&period=week&periods=12"
  "sequences 90d|/api/stats/sequences?$range90&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)"
  "flow 90d|/api/stats/flow?$range90&page=/&depth=3"
)

echo "| question | A p50 / p95 (ms) | B p50 / p95 (ms) | B / A (p50) |"
echo "|---|---|---|---|"
for entry in "${questions[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  [[ "$name" =~ ${ONLY:-.} ]] || continue
  ask 0 "$path" >/dev/null; ask 1 "$path" >/dev/null   # warm: files in the page cache, code paths compiled
  a=(); b=()
  for _ in $(seq 1 "$RUNS"); do
    a+=("$(ask 0 "$path")"); b+=("$(ask 1 "$path")")
  done
  pa=$(printf '%s\n' "${a[@]}" | percentiles)
  pb=$(printf '%s\n' "${b[@]}" | percentiles)
  ratio=$(awk -v x="${pa% *}" -v y="${pb% *}" 'BEGIN { printf "%.2f", (x > 0 ? y / x : 0) }')
  echo "| $name | ${pa% *} / ${pa#* } | ${pb% *} / ${pb#* } | $ratio |"
done
echo
echo "A = ${jars[0]}, B = ${jars[1]}; $RUNS timed runs each after one warm-up, alternating A and B; $(nproc) cores."
