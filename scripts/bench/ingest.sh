#!/usr/bin/env bash
# Ingestion over HTTP on loopback, durability on (202 after the journal's fdatasync), measured side by side
# with a trivial endpoint of the same server answering 202, in one run:
#   1. warm-up (JIT): WARMUP seconds (default 40) of ingestion, then 10 of each baseline. The
#      JIT compiles the ingestion path for about 35 s under this load (JFR's jdk.Compilation events);
#      measured before that, C2's compiling costs ingestion ~25 us per event that later runs do not pay;
#   2. peak, closed loop, each DURATION seconds: the trivial endpoint and ingestion each at every
#      concurrency of PEAK_CONNECTIONS (default "64 256"), an endpoint's peak being its best; then,
#      at the first concurrency, the trivial endpoint on the blocking executor and the pipeline
#      without storage. Ingestion needs more requests in flight than the trivial endpoint to reach
#      its peak: each waits for a group commit (Little's law: 64 in flight at 3 ms each is ~21k/s);
#   3. latency at about half of the ingestion peak (256 connections pausing between requests, the
#      pause calibrated by a short run), reporting p50/p99;
#   4. ROUNDS (default 5) more rounds of a trivial run, an ingestion run (each endpoint at the
#      concurrency of its peak) and a run at half of peak with step 3's pause, and the medians of the
#      pairs' ratios and of the half-peak p99s: on a shared VM one pair's ratio moves by a quarter from
#      run to run, and a 20-second window that falls in a slow phase of the machine is no longer at
#      half of its capacity.
# Requires wrk (apt-get install wrk). Targets 127.0.0.1 only. Prints a Markdown table for PERF.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-40}
PEAK_CONNECTIONS=${PEAK_CONNECTIONS:-"64 256"}
low=${PEAK_CONNECTIONS%% *}
ROUNDS=${ROUNDS:-5}
source scripts/bench/lib.sh
require_wrk
start_server MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60

lua=scripts/bench/ingest.lua
run() { wrk -t2 -c"$2" -d"$3"s --latency -s "$lua" "http://127.0.0.1:$port$1"; }

echo "warming up..." >&2
run /api/event "$low" "$WARMUP" >/dev/null
for endpoint in /bench/noop /bench/noop/blocking /bench/pipeline; do run "$endpoint" "$low" 10 >/dev/null; done

rows=()
# Runs ENDPOINT at every concurrency of PEAK_CONNECTIONS, adding a table row for each; sets
# peak_rps and peak_connections to the best run's.
peak() {
  peak_rps=0
  for connections in $PEAK_CONNECTIONS; do
    local output rate
    output=$(run "$1" "$connections" "$DURATION")
    rate=$(echo "$output" | rps)
    rows+=("| $2, $connections connections | $rate | $(echo "$output" | pct 50%) | $(echo "$output" | pct 99%) |")
    if python3 -c "import sys; sys.exit(0 if $rate > $peak_rps else 1)"; then
      peak_rps=$rate; peak_connections=$connections
    fi
  done
}
row() { rows+=("| $1, $low connections | $(echo "$2" | rps) | $(echo "$2" | pct 50%) | $(echo "$2" | pct 99%) |"); }

peak /bench/noop "trivial 202 endpoint"
base_rps=$peak_rps; base_connections=$peak_connections
row "trivial 202 endpoint on the blocking executor" "$(run /bench/noop/blocking "$low" "$DURATION")"
row "ingestion pipeline without storage" "$(run /bench/pipeline "$low" "$DURATION")"
peak /api/event "ingestion"
ingest_rps=$peak_rps; ingest_connections=$peak_connections
# Half of peak: each of 256 connections pauses between its requests so that 256 / (pause + latency)
# = peak / 2. wrk's pause is whole milliseconds; with 256 connections it is long (~25 ms) and the
# rounding small. A 5-second run with the pause alone (latency taken as 0) measures the latency,
# which the pause then leaves out.
half_conn=256
interval_ms=$(python3 -c "print($half_conn / ($ingest_rps / 2) * 1000)")
trial=$(python3 -c "print(max(1, round($interval_ms)))")
trial_rps=$(WRK_DELAY_MS=$trial run /api/event "$half_conn" 5 | rps)
delay=$(python3 -c "print(max(0, round($interval_ms - max(0, $half_conn / $trial_rps * 1000 - $trial))))")
half=$(WRK_DELAY_MS=$delay run /api/event "$half_conn" "$DURATION")
row_half="| ingestion at ~half of peak ($half_conn connections, ${delay} ms pause, target $(python3 -c "print(round($ingest_rps / 2))")/s) | $(echo "$half" | rps) | $(echo "$half" | pct 50%) | $(echo "$half" | pct 99%) |"
stored=$(curl -s "http://127.0.0.1:$port/health/detailed")
ratios=()
half_p99s=()
for round in $(seq 1 "$ROUNDS"); do
  trivial_rps=$(run /bench/noop "$base_connections" "$DURATION" | rps)
  event_rps=$(run /api/event "$ingest_connections" "$DURATION" | rps)
  ratios+=("$(python3 -c "print(f'{$event_rps / $trivial_rps:.2f}')") ($event_rps / $trivial_rps)")
  round_half=$(WRK_DELAY_MS=$delay run /api/event "$half_conn" "$DURATION")
  half_p99s+=("$(echo "$round_half" | pct 99% | in_ms) ($(echo "$round_half" | rps)/s)")
done
median() { awk '{print $1}' | sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "| run | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}" "$row_half"
echo
python3 -c "print(f'ratio ingestion / trivial = {$ingest_rps / $base_rps:.2f} (peaks of the table: $ingest_connections and $base_connections connections)')"
if [ "$ROUNDS" -gt 0 ]; then
  echo "ratios of $ROUNDS more pairs: $(IFS=';'; echo "${ratios[*]}" | sed 's/;/, /g')"
  echo "median ratio of those pairs: $(printf '%s\n' "${ratios[@]}" | median)"
  echo "p99 at half of peak in those rounds (ms, at the rate reached): $(IFS=';'; echo "${half_p99s[*]}" | sed 's/;/, /g')"
  echo "median p99 at half of peak: $(printf '%s\n' "${half_p99s[@]}" | median) ms"
fi
echo "storage after the run: $stored"
python3 -c "print(f'implied time in flight at peak: {$ingest_connections / $ingest_rps * 1000:.1f} ms per request ($ingest_connections requests in flight)')"
