#!/usr/bin/env bash
# Ingestion over HTTP on loopback, durability on (202 after the journal's fdatasync), measured side by side
# with a trivial endpoint of the same server answering 202, in one run:
#   1. warm-up (JIT) on both endpoints;
#   2. peak, closed loop, each DURATION seconds: trivial endpoint (event loop), trivial endpoint on
#      the blocking executor, the pipeline without storage, and ingestion;
#   3. latency at about half of the ingestion peak (per-request pause), reporting p50/p99;
#   4. ROUNDS (default 3) more pairs of trivial and ingestion runs, back to back, and the median of
#      their ratios: on a shared VM one pair's ratio moves by a quarter from run to run.
# Requires wrk (apt-get install wrk). Targets 127.0.0.1 only. Prints a Markdown table for PERF.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-3}
source scripts/bench/lib.sh
require_wrk
start_server MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60

lua=scripts/bench/ingest.lua
run() { wrk -t2 -c"$2" -d"$3"s --latency -s "$lua" "http://127.0.0.1:$port$1"; }

echo "warming up..." >&2
run /bench/noop "$CONNECTIONS" 10 >/dev/null
run /api/event "$CONNECTIONS" 10 >/dev/null

baseline=$(run /bench/noop "$CONNECTIONS" "$DURATION")
blocking=$(run /bench/noop/blocking "$CONNECTIONS" "$DURATION")
pipeline=$(run /bench/pipeline "$CONNECTIONS" "$DURATION")
ingest=$(run /api/event "$CONNECTIONS" "$DURATION")
base_rps=$(echo "$baseline" | rps); ingest_rps=$(echo "$ingest" | rps)
# Half of peak: each of 32 connections pauses so that 32 / (pause + service time) ≈ peak / 2,
# taking the peak run's median latency as the service time.
half_conn=32
p50_ms=$(echo "$ingest" | pct 50% | python3 -c "import sys; v=sys.stdin.read().strip(); print(float(v[:-2])/1000 if v.endswith('us') else float(v[:-2]) if v.endswith('ms') else float(v[:-1])*1000)")
delay=$(python3 -c "print(max(0, round($half_conn / ($ingest_rps / 2) * 1000 - $p50_ms)))")
half=$(WRK_DELAY_MS=$delay run /api/event "$half_conn" "$DURATION")
half_rps=$(echo "$half" | rps)
stored=$(curl -s "http://127.0.0.1:$port/health/detailed")
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  trivial_rps=$(run /bench/noop "$CONNECTIONS" "$DURATION" | rps)
  event_rps=$(run /api/event "$CONNECTIONS" "$DURATION" | rps)
  ratios+=("$(python3 -c "print(f'{$event_rps / $trivial_rps:.2f}')") ($event_rps / $trivial_rps)")
done

echo "| run | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| trivial 202 endpoint, $CONNECTIONS connections | $base_rps | $(echo "$baseline" | pct 50%) | $(echo "$baseline" | pct 99%) |"
echo "| trivial 202 endpoint on the blocking executor, $CONNECTIONS connections | $(echo "$blocking" | rps) | $(echo "$blocking" | pct 50%) | $(echo "$blocking" | pct 99%) |"
echo "| ingestion pipeline without storage, $CONNECTIONS connections | $(echo "$pipeline" | rps) | $(echo "$pipeline" | pct 50%) | $(echo "$pipeline" | pct 99%) |"
echo "| ingestion, $CONNECTIONS connections (peak) | $ingest_rps | $(echo "$ingest" | pct 50%) | $(echo "$ingest" | pct 99%) |"
echo "| ingestion at ~half of peak ($half_conn connections, ${delay} ms pause) | $half_rps | $(echo "$half" | pct 50%) | $(echo "$half" | pct 99%) |"
echo
python3 -c "print(f'ratio ingestion / trivial = {$ingest_rps / $base_rps:.2f} (the table)')"
if [ "$ROUNDS" -gt 0 ]; then
  echo "ratios of $ROUNDS more pairs: $(IFS=';'; echo "${ratios[*]}" | sed 's/;/, /g')"
  echo "median ratio of those pairs: $(printf '%s\n' "${ratios[@]}" | awk '{print $1}' | sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')"
fi
echo "storage after the run: $stored"
python3 -c "print(f'implied commit group latency at peak: {$CONNECTIONS / $ingest_rps * 1000:.1f} ms ($CONNECTIONS requests in flight)')"
