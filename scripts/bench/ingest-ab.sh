#!/usr/bin/env bash
# Diagnostic: compares two builds' ingestion CPU side by side. Starts a server from each jar (same
# settings as ingest.sh), warms both up, then alternates ROUNDS slices of DURATION seconds of
# ingest.lua load on ENDPOINT between them; then does it all again with the servers started in the
# other order. Prints, per jar, the median requests/s and the median server CPU (all threads, from
# /proc) per request over all its slices. Alternating short slices spreads the VM's slow and fast
# phases over both builds, which sequential runs do not; swapping the start order cancels the edge
# the first-started server had (two identical jars measured 5-15 % apart in one order). Linux only;
# requires wrk.
#   scripts/bench/ingest-ab.sh before.jar after.jar        ROUNDS=4 DURATION=10 WARMUP=40 ENDPOINT=/api/event
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-40}
ENDPOINT=${ENDPOINT:-/api/event}
source scripts/bench/lib.sh
require_wrk
jars=("$1" "$2")
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$scratch"' EXIT
ticks=$(getconf CLK_TCK)

# One pass: starts the jars in the order given (indexes into jars), warms them, alternates slices.
pass() {
  local ports=() order=("$@") i
  pids=()
  for i in "${order[@]}"; do
    JAR=${jars[$i]} start_server MALLARD_DATA_DIR="$scratch/data$i-$RANDOM" MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60
    ports[$i]=$port; pids[$i]=$server; server=
  done
  run() { wrk -t2 -c256 -d"$2"s -s scripts/bench/ingest.lua "http://127.0.0.1:${ports[$1]}$ENDPOINT" | rps; }
  cpu() { awk '{print $14 + $15}' "/proc/${pids[$1]}/stat"; }
  for i in "${order[@]}"; do run "$i" "$WARMUP" >/dev/null; done
  for round in $(seq 1 "$ROUNDS"); do
    for i in $([ $((round % 2)) -eq 1 ] && echo "${order[@]}" || echo "${order[1]} ${order[0]}"); do
      sleep 2
      local before rate after
      before=$(cpu "$i"); rate=$(run "$i" "$DURATION"); after=$(cpu "$i")
      echo "$i $rate $(python3 -c "print(($after - $before) / $ticks * 1e6 / ($rate * $DURATION))")"
    done
  done >> "$scratch/slices"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
}

echo "warming up and measuring, twice (about $(( (2 * WARMUP + 2 * ROUNDS * (DURATION + 2)) * 2 / 60 + 1 )) minutes)..." >&2
pass 0 1
pass 1 0
for i in 0 1; do
  awk -v i="$i" '$1 == i {print $2, $3}' "$scratch/slices" | python3 -c "
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin]
print(f'${jars[$i]}: median {statistics.median(r for r, _ in rows):.0f} requests/s, '
      f'{statistics.median(c for _, c in rows):.1f} us of server CPU per request ({len(rows)} slices)')"
done
