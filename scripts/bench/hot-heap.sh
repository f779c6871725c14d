#!/usr/bin/env bash
# Diagnostic: heap the hot tier takes per event. Starts a server that flushes only at the tier's
# threshold (50,000 events), reads the live heap after a full GC (jcmd GC.run, GC.heap_info), adds
# hot events with DURATION seconds of paced ingest.lua load, reads it again, and prints the growth
# per hot event. Requires wrk and the JDK's jcmd.
#   scripts/bench/hot-heap.sh          JAR=other.jar DURATION=16
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-16}
source scripts/bench/lib.sh
require_wrk
start_server MALLARD_TRUSTED_PROXIES=127.0.0.1 MALLARD_FLUSH_INTERVAL=3600 MALLARD_FLUSH_COUNT=10000000
load() { WRK_DELAY_MS=100 wrk -t2 -c"$1" -d"$2"s -s scripts/bench/ingest.lua "$base/api/event" >/dev/null; }
live_kb() {
  "$JAVA_HOME/bin/jcmd" "$server" GC.run >/dev/null
  sleep 1
  "$JAVA_HOME/bin/jcmd" "$server" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9
}
hot() { curl -s "$base/health/detailed" | python3 -c 'import json, sys; print(json.load(sys.stdin)["hot_events"])'; }

load 64 3 # every User-Agent parsed and cached before the first reading
kb_before=$(live_kb); hot_before=$(hot)
load 256 "$DURATION"
sleep 2
kb_after=$(live_kb); hot_after=$(hot)
echo "live heap ${kb_before} KB with ${hot_before} hot events, ${kb_after} KB with ${hot_after}:" \
  "$(python3 -c "print(round(($kb_after - $kb_before) * 1024 / ($hot_after - $hot_before)))") bytes per hot event"
