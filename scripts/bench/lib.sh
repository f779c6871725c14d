# Shared by the benchmark scripts (source it): selects the JDK, builds the jar if missing, and
# starts a server on a free loopback port over a temporary data directory, stopped on exit.
#   start_server [VAR=value ...]   extra MALLARD_* settings; sets $port, $work, $server
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
source <(sed -n '/^java_major()/,/^}/p;/^select_jdk()/,/^}/p' mallard)
select_jdk
[ -f bootstrap/target/mallard-metrics.jar ] || ./mvnw -q -B -DskipTests package

start_server() {
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env ${BENCH_ENV:-} "$@" MALLARD_HOST=127.0.0.1 MALLARD_PORT=$port MALLARD_DATA_DIR=$work/data \
    "$JAVA_HOME/bin/java" ${JAVA_OPTS:--Xmx512m} -Dmallard.benchmark=true --enable-native-access=ALL-UNNAMED \
    -jar bootstrap/target/mallard-metrics.jar > "$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the server did not start; its log:" >&2; cat "$work/server.log" >&2; exit 1
}

rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1 == p {print $2}'; }
