#!/usr/bin/env bash
# Generator throughput, compacted Parquet bytes per event, and time from process start to
# /health/ready on an empty and on the generated data directory. Prints a Markdown table for PERF.md.
#   EVENTS=10000000 DAYS=90 scripts/bench/storage.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
DAYS=${DAYS:-90}
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
[ -f bootstrap/target/mallard-metrics.jar ] || ./mvnw -q -B -DskipTests package
JAVA=("$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -jar bootstrap/target/mallard-metrics.jar)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
summary=$(MALLARD_DATA_DIR=$work/generated "${JAVA[@]}" generate --site example.com --events "$EVENTS" --days "$DAYS" --seed 1 --end-date 2026-11-20 | grep '^generated')
end=$(date +%s.%N)
echo "$summary" >&2
stored=$(echo "$summary" | sed -E 's/.*\(([0-9]+) stored.*/\1/')
parquet_bytes=$(find "$work/generated/events" -name '*.parquet' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$work/generated/events" -name '*.parquet' | wc -l)

ready_ms() {
  local dir=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local t0; t0=$(date +%s%N)
  MALLARD_HOST=127.0.0.1 MALLARD_PORT=$port MALLARD_DATA_DIR=$dir "${JAVA[@]}" > "$work/ready.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.02; done
  local t1; t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
empty=$(for i in 1 2 3; do rm -rf "$work/empty"; ready_ms "$work/empty"; done | median)
full=$(for i in 1 2 3; do ready_ms "$work/generated"; done | median)

echo "| measure | value |"
echo "|---|---|"
echo "| events stored by the generator | $stored ($DAYS days, seed 1) |"
echo "| generator wall time | $(python3 -c "print(f'{$end - $start:.1f} s')") |"
echo "| generator throughput | $(python3 -c "print(f'{$stored / ($end - $start):,.0f} events/s')") |"
echo "| Parquet files / bytes | $files / $parquet_bytes |"
echo "| bytes per event (compacted Parquet, ZSTD) | $(python3 -c "print(f'{$parquet_bytes / $stored:.1f}')") |"
echo "| start → /health/ready, empty data dir (median of 3) | ${empty} ms |"
echo "| start → /health/ready, generated data dir (median of 3) | ${full} ms |"
