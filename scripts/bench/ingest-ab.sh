#!/usr/bin/env bash
# Diagnostic: compares two builds' ingestion CPU side by side. Starts a server from each jar (same
# settings as ingest.sh), warms both up, then alternates ROUNDS slices of DURATION seconds of
# ingest.lua load on /api/event between them and prints, per jar, the median requests/s and the
# median server CPU (all threads, from /proc) per event. Alternating short slices spreads the VM's
# slow and fast phases over both, which sequential runs do not. Linux only; requires wrk.
#   scripts/bench/ingest-ab.sh before.jar after.jar        ROUNDS=6 DURATION=10 ENDPOINT=/api/event
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 A.jar B.jar" >&2; exit 2; }
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-40}
ENDPOINT=${ENDPOINT:-/api/event}
source scripts/bench/lib.sh
require_wrk
jars=("$1" "$2")
declare -a ports pids
for i in 0 1; do
  JAR=${jars[$i]} start_server MALLARD_DATA_DIR="$scratch/data$i" MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60
  ports[$i]=$port; pids[$i]=$server; server=
done
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$scratch"' EXIT
run() { wrk -t2 -c256 -d"$2"s -s scripts/bench/ingest.lua "http://127.0.0.1:${ports[$1]}$ENDPOINT" | rps; }
cpu() { awk '{print $14 + $15}' "/proc/${pids[$1]}/stat"; }
echo "warming up..." >&2
for i in 0 1; do run "$i" "$WARMUP" >/dev/null; done
ticks=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1; do
    before=$(cpu "$i"); rate=$(run "$i" "$DURATION"); after=$(cpu "$i")
    echo "$i $rate $(python3 -c "print(($after - $before) / $ticks * 1e6 / ($rate * $DURATION))")"
  done
done > "$scratch/slices"
for i in 0 1; do
  awk -v i="$i" '$1 == i {print $2, $3}' "$scratch/slices" | python3 -c "
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin]
print(f'${jars[$i]}: median {statistics.median(r for r, _ in rows):.0f} requests/s, '
      f'{statistics.median(c for _, c in rows):.1f} us of server CPU per request ({len(rows)} slices)')"
done
