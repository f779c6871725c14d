#!/usr/bin/env bash
# Diagnostic: latency of builds at the same paced load, in alternating runs. For each of ROUNDS
# rounds and each jar in turn: a fresh server (ingest.sh's settings, GC logged), WARMUP seconds of
# closed-loop ingestion, then DURATION seconds of 256 connections each pausing PAUSE_MS between
# requests; prints the rate reached, p50/p90/p99 and the largest young GC pauses of that window.
# The offered load is the same for every jar, so its p99s compare directly (ingest.sh calibrates the
# pause to half of each run's own peak instead). Linux only; requires wrk.
#   scripts/bench/half-load.sh a.jar [b.jar ...]     ROUNDS=3 PAUSE_MS=20 DURATION=20 WARMUP=40 EXTRA_JAVA_OPTS=...
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: $0 A.jar [B.jar ...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
PAUSE_MS=${PAUSE_MS:-20}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-40}
jars=("$@")
JAR=${jars[0]}
source scripts/bench/lib.sh
require_wrk
run() { wrk -t2 -c"$2" -d"$3"s --latency -s scripts/bench/ingest.lua "http://127.0.0.1:$port$1"; }

for round in $(seq 1 "$ROUNDS"); do
  for JAR in "${jars[@]}"; do
    gclog=$scratch/gc-$round.log
    JAVA_OPTS="-Xms512m -Xmx512m -Xlog:gc:file=$gclog:uptime ${EXTRA_JAVA_OPTS:-}" \
      start_server MALLARD_DATA_DIR="$scratch/data-$round-$RANDOM" MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60
    run /api/event 64 "$WARMUP" >/dev/null
    before=$(wc -l < "$gclog")
    out=$(WRK_DELAY_MS=$PAUSE_MS run /api/event 256 "$DURATION")
    pauses=$(tail -n +$((before + 1)) "$gclog" | grep 'Pause Young' | awk '{print $NF}' | sed 's/ms$//' | sort -n | tail -5 | tr '\n' ' ')
    echo "round $round $(basename "$JAR"): $(echo "$out" | rps) requests/s, p50 $(echo "$out" | pct 50%), p90 $(echo "$out" | pct 90%), p99 $(echo "$out" | pct 99%); largest young pauses (ms): ${pauses:-none}"
    stop_server
  done
done
