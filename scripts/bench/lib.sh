# Shared by the benchmark scripts (source it from the repository root): selects the JDK, builds the
# jar if missing, gives a scratch directory removed on exit, and starts a server on a free loopback
# port, stopped on exit.
#   start_server [VAR=value ...]   MALLARD_* settings (they may override the data dir); sets $port, $base, $server;
#                                  JAVA_OPTS replaces the JVM options (default -Xms512m -Xmx512m, the full heap from the start as deploy/ runs it)
#   generate_site DIR SITE EVENTS  the generator's 90-day site ending $END in DIR, unless already there
#   start_limited_server DIR       the server as PERF.md measures it (-Xmx256m, DuckDB 256MB, no cache unless CACHE_TTL), signed in;
#                                  EXTRA_JAVA_OPTS adds JVM options (a profiler)
#   await_rollups                  waits until the started server's daily rollups are current
#   serve_generated_site           the generator's $EVENTS-event example.com in $DATA (or a scratch dir), served
#                                  by start_limited_server with rollups current; sets $data
#   require_wrk                    for the load scripts
#   login USER PASSWORD            a session cookie in $cookie
#   ms URL                         one request's time in ms (fails on a non-200), its body in $scratch/body
#   percentiles                    "p50 p95" of numbers on stdin
#   time_dashboard LABEL QUERY     the dashboard's stats requests ($DASHBOARD_ENDPOINTS) for QUERY, $RUNS times each after
#                                  a warm-up, then all at once as a first load; "p50 p95" in timed[LABEL/endpoint] and
#                                  timed[LABEL/first-load]
#   dashboard_table A TITLE_A B TITLE_B  the timings of labels A and B side by side, as a Markdown table
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
# JAR=path runs another build (an A/B comparison); by default the repository's, built if missing.
if [ -z "${JAR:-}" ]; then
  [ -f bootstrap/target/mallard-metrics.jar ] || ./mvnw -q -B -DskipTests package
  JAR=bootstrap/target/mallard-metrics.jar
fi
scratch=$(mktemp -d)
server=
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  server=
}
trap 'stop_server; rm -rf "$scratch"' EXIT

generate_site() {
  [ -d "$1/events/site_id=$2" ] && return 0
  MALLARD_DATA_DIR=$1 "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$JAR" \
    generate --site "$2" --events "$3" --days 90 --seed 1 --end-date "$END" | grep '^generated' >&2
}

start_limited_server() {
  JAVA_OPTS="-Xmx256m ${EXTRA_JAVA_OPTS:-}" start_server MALLARD_DATA_DIR="$1" MALLARD_CACHE_TTL="${CACHE_TTL:-0}" MALLARD_DUCKDB_MEMORY_LIMIT=256MB \
    MALLARD_ADMIN_PASSWORD=benchmark-password MALLARD_FLUSH_INTERVAL=3600
  login admin benchmark-password
}

# Daily rollups are built in the background after start (once per data directory, then kept in
# mallard.duckdb); the stats scripts time the server as users see it once they are current.
await_rollups() {
  local waited_from=$(date +%s)
  until grep -q 'rollups current' "$scratch/server.log"; do
    sleep 2
    [ $(( $(date +%s) - waited_from )) -lt 3600 ] || { echo "rollups not current after an hour" >&2; exit 1; }
  done
  echo "$(grep -o 'rollups current.*' "$scratch/server.log" | head -1) (waited $(( $(date +%s) - waited_from )) s)" >&2
}

serve_generated_site() {
  data=${DATA:-$scratch/data}
  generate_site "$data" example.com "${EVENTS:-10000000}"
  start_limited_server "$data"
  await_rollups
}

require_wrk() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
}

start_server() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  base=http://127.0.0.1:$port
  env MALLARD_DATA_DIR="$scratch/data" ${BENCH_ENV:-} "$@" MALLARD_HOST=127.0.0.1 MALLARD_PORT=$port \
    "$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xms512m -Xmx512m} -Dmallard.benchmark=true --enable-native-access=ALL-UNNAMED \
    -jar "$JAR" > "$scratch/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the server did not start; its log:" >&2; cat "$scratch/server.log" >&2; exit 1
}

login() {
  cookie=$scratch/cookie
  curl -sf -c "$cookie" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "$base/api/auth/login" >/dev/null
}

ms() {
  curl -s -o "$scratch/body" -b "${cookie:-/dev/null}" -w '%{time_total} %{http_code}\n' "$1" \
    | awk '{ if ($2 != 200) { print "HTTP " $2 > "/dev/stderr"; exit 1 } printf "%d\n", $1 * 1000 }'
}

percentiles() { sort -n | awk '{a[NR]=$1} END {p50=a[int((NR+1)/2)]; i=int(NR*0.95+0.999); if (i<1) i=1; printf "%d %d", p50, a[i]}'; }

rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1 == p {print $2}'; }
# wrk's latency (850.00us, 12.31ms, 1.02s) in milliseconds, a plain number.
in_ms() { awk '{v = $1; if (v ~ /us$/) v = substr(v, 1, length(v) - 2) / 1000; else if (v ~ /ms$/) v = substr(v, 1, length(v) - 2); else if (v ~ /s$/) v = substr(v, 1, length(v) - 1) * 1000; printf "%.2f\n", v}'; }

DASHBOARD_ENDPOINTS="main timeseries sessions breakdown/pages breakdown/sources breakdown/browsers breakdown/os breakdown/devices breakdown/countries"
declare -A timed
time_dashboard() {
  local endpoint
  for endpoint in $DASHBOARD_ENDPOINTS; do ms "$base/api/stats/$endpoint?$2" >/dev/null; done
  for endpoint in $DASHBOARD_ENDPOINTS; do
    timed[$1/$endpoint]=$(for _ in $(seq 1 "$RUNS"); do ms "$base/api/stats/$endpoint?$2"; done | percentiles)
  done
  timed[$1/first-load]=$(for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N)
    pids=()
    for endpoint in $DASHBOARD_ENDPOINTS; do curl -sf -o /dev/null -b "$cookie" "$base/api/stats/$endpoint?$2" & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid"; done
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
  done | percentiles)
}

dashboard_table() {
  local endpoint a50 a95 b50 b95
  echo "| endpoint, 30 days | $2 p50 / p95 (ms) | $4 p50 / p95 (ms) |"
  echo "|---|---|---|"
  for endpoint in $DASHBOARD_ENDPOINTS first-load; do
    read -r a50 a95 <<< "${timed[$1/$endpoint]}"
    read -r b50 b95 <<< "${timed[$3/$endpoint]}"
    echo "| $endpoint | $a50 / $a95 | $b50 / $b95 |"
  done
}
