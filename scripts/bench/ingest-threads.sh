#!/usr/bin/env bash
# Diagnostic, not a benchmark: where ingestion's CPU goes, per server thread. Runs ingest.sh's
# load (warm-up as ingest.sh's, then DURATION seconds at CONNECTIONS, default 256) on the trivial endpoint and on
# /api/event, and prints each thread group's user and system CPU time from /proc per request
# (microseconds). CPU per request is steadier than requests/s on a shared VM, though the machine's
# load still moves it by 10-20 %. Linux only; requires wrk.
#   DURATION=15 scripts/bench/ingest-threads.sh        JAVA_OPTS=... to try JVM options, CONNECTIONS=64 for fewer in flight,
#                                                      ENDPOINTS="/bench/noop /bench/pipeline /api/event" to add the pipeline without storage
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
ENDPOINTS=${ENDPOINTS:-/bench/noop /api/event}
WARMUP=${WARMUP:-40}
CONNECTIONS=${CONNECTIONS:-256}
source scripts/bench/lib.sh
require_wrk
start_server MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=60
run() { wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s scripts/bench/ingest.lua "http://127.0.0.1:$port$1"; }

# "name user sys" per thread group (trailing digits of thread names folded), in clock ticks.
threads() {
  for task in /proc/"$server"/task/*; do
    # utime and stime are fields 14 and 15 of stat, counted after the parenthesised name (it may hold spaces)
    echo "$(tr ' ' '_' < "$task/comm") $(sed 's/.*) //' "$task/stat" | awk '{print $12, $13}')"
  done | awk '{sub(/[0-9#]+$/, "#", $1); user[$1] += $2; sys[$1] += $3} END {for (k in user) print k, user[k], sys[k]}' | sort
}

echo "warming up..." >&2
run /api/event "$WARMUP" >/dev/null
for endpoint in $ENDPOINTS; do run "$endpoint" 10 >/dev/null; done
ticks=$(getconf CLK_TCK)
for endpoint in $ENDPOINTS; do
  threads > "$scratch/before"
  requests=$(run "$endpoint" "$DURATION" | rps)
  threads > "$scratch/after"
  echo "$endpoint: $requests requests/s; CPU per request by thread (us):"
  join -a2 -e0 -o 0,1.2,1.3,2.2,2.3 "$scratch/before" "$scratch/after" \
    | awk -v n="$requests" -v d="$DURATION" -v hz="$ticks" '
        { us = 1e6 / hz / (n * d); u = ($4 - $2) * us; s = ($5 - $3) * us; all += u + s
          if (u + s >= 0.5) printf "  %-24s user %5.1f  sys %5.1f\n", $1, u, s }
        END { printf "  %-24s %5.1f\n", "all threads", all }' | sort -k3 -nr
done
