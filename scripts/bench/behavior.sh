#!/usr/bin/env bash
# Behavioral endpoint latency on the generator's 10M-event, 90-day site, server limited to -Xmx256m
# and DuckDB memory_limit=256MB: funnel (4 steps, 1-day window), retention (12 weeks), sequences
# (3 steps with a time gate), flow (depth 3), over the full 90 days. Prints Markdown for PERF.md.
#   RUNS=5 DATA=dir scripts/bench/behavior.sh     (DATA as for stats.sh; generated when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${EVENTS:-10000000}
RUNS=${RUNS:-5}
END=2026-11-20
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
[ -f bootstrap/target/mallard-metrics.jar ] || ./mvnw -q -B -DskipTests package
JAR=(-jar bootstrap/target/mallard-metrics.jar)
work=$(mktemp -d)
data=${DATA:-$work/data}
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

if [ ! -d "$data/events/site_id=example.com" ]; then
  MALLARD_DATA_DIR=$data "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED "${JAR[@]}" \
    generate --site example.com --events "$EVENTS" --days 90 --seed 1 --end-date $END | grep '^generated' >&2
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MALLARD_HOST=127.0.0.1 MALLARD_PORT=$port MALLARD_DATA_DIR=$data MALLARD_CACHE_TTL=0 MALLARD_DUCKDB_MEMORY_LIMIT=256MB \
  MALLARD_ADMIN_PASSWORD=benchmark-password MALLARD_FLUSH_INTERVAL=3600 \
  "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED "${JAR[@]}" > "$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.2; done
base=http://127.0.0.1:$port
cookie=$work/cookie
curl -sf -c "$cookie" -H 'Content-Type: application/json' -d '{"username":"admin","password":"benchmark-password"}' "$base/api/auth/login" >/dev/null

from=$(date -d "$END - 89 days" +%F)
range="site_id=example.com&start_date=$from&end_date=$END"
declare -A QUESTIONS=(
  [funnel]="funnel?$range&steps=page:/,page:/pricing,page:/signup,page:/checkout&window=1%20day"
  [retention]="retention?site_id=example.com&period=week&periods=12"
  [sequences]="sequences?$range&steps=page:/pricing,page:/signup,event:purchase&pattern=(?1).*(?t%3C=3600)(?2).*(?3)"
  [flow]="flow?$range&page=/&depth=3"
)
percentiles() { sort -n | awk '{a[NR]=$1} END {p50=a[int((NR+1)/2)]; i=int(NR*0.95+0.999); if (i<1) i=1; printf "%d %d", p50, a[i]}'; }
ms() { curl -s -o "$work/body" -b "$cookie" -w '%{time_total} %{http_code}\n' "$1" | awk '{ if ($2 != 200) { print "HTTP " $2 > "/dev/stderr"; exit 1 } printf "%d\n", $1 * 1000 }'; }

echo "| endpoint | p50 / p95 (ms) | answer (abridged) |"
echo "|---|---|---|"
for name in funnel retention sequences flow; do
  ms "$base/api/stats/${QUESTIONS[$name]}" >/dev/null   # warm: files in the page cache
  timing=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/${QUESTIONS[$name]}"; done | percentiles)
  read -r p50 p95 <<< "$timing"
  echo "| $name | $p50 / $p95 | $(head -c 160 "$work/body" | tr '|' '/') |"
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
echo
echo "Peak RSS of the server during the run: $((rss_kb / 1024)) MB (VmHWM)."
